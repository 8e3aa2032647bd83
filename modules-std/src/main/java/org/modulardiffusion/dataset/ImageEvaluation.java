package org.modulardiffusion.dataset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.LongStream;
import org.modulardiffusion.base.Dataset;
import org.modulardiffusion.base.Guidance;
import org.modulardiffusion.engine.Model;
import org.modulardiffusion.eval.ClassSpread;
import org.modulardiffusion.eval.Evaluation;
import org.modulardiffusion.eval.FrechetDistance;
import org.modulardiffusion.eval.Rows;
import org.modulardiffusion.eval.SampleSource;

/**
 * Whether the digits a model draws for label k look like k, how varied they are, and how near
 * they are to the data as a whole: the {@link DigitClassifier}'s accuracy on samples conditioned
 * on each label, their {@link ClassSpread}, and the {@link FrechetDistance} between the samples
 * and held-out digits in the classifier's {@link DigitClassifier#features features}. Samples are
 * clipped to [-1, 1], the range of the data, before they are measured. The samples of a net that
 * reads no labels are measured by the digits the classifier reads in them instead ({@link
 * #measureUnlabelled}).
 *
 * @param guidance the guidance the samples were drawn under
 * @param accuracy the share of samples the classifier gives the label they were drawn for
 * @param spread the spread of each label's samples
 * @param frechet the squared Fréchet distance of the samples' features to the reference's
 */
public record ImageEvaluation(String guidance, double accuracy, SortedMap<Long, Double> spread, double frechet) {

  /** Images drawn when the request leaves it to the data set. */
  private static final int IMAGES = 100;
  /**
   * Held-out digits the classifier's accuracy and the data's spread are measured on; the Fréchet
   * distances take the first half as the reference and the second half's first digits for the floor.
   */
  private static final int REFERENCE = 1000;

  /**
   * The figures of {@code request} for a model of digits labelled 1..10: {@value #IMAGES} images
   * (or as many as asked) measured by the classifier of their size (trained on digits from {@code
   * source} once, kept in the request's cache), with the model's guidance and without; the
   * classifier's accuracy and the spread on held-out digits for reference; {@code fd}, the
   * Fréchet distance of the samples to the first half of the held-out digits, beside {@code
   * fd_floor}, that of as many digits of the second half (all of it, if fewer) to the same half.
   * A net that reads no labels is measured once, by the digits read ({@link #measureUnlabelled}).
   *
   * @param request what to evaluate
   * @param source where the classifier's training digits come from
   * @return the figures by name, in the order to print them
   * @throws IOException when the kept classifier cannot be read, or a new one saved
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Map<String, Object> evaluateDigits(Evaluation request, DigitClassifier.Source source)
      throws IOException {
    Model model = request.model();
    int size = Math.toIntExact(model.exampleShape().get(2));
    long[] labels = LongStream.rangeClosed(1, DigitClassifier.CLASSES).toArray();
    int perLabel = Math.max(1, request.samplesOr(IMAGES) / labels.length);
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("samples", perLabel * labels.length);
    try (DigitClassifier classifier = DigitClassifier.cached(request.cache(), size, source)) {
      Dataset heldOut = request.heldOut().apply(REFERENCE);
      metrics.put("classifier_accuracy", classifier.accuracy(heldOut));
      metrics.put("data_spread", spreadOf(heldOut, REFERENCE));
      float[][] features = classifier.features(heldOut, REFERENCE);
      int half = features.length / 2;
      float[][] reference = Arrays.copyOfRange(features, 0, half);
      float[][] floor = Arrays.copyOfRange(features, half, Math.min(features.length, half + perLabel * labels.length));
      if (!model.net().readsLabels()) {
        metrics.putAll(measureUnlabelled(request.source(), labels, perLabel, classifier, reference));
        metrics.put("fd_floor", FrechetDistance.squared(floor, reference));
        return metrics;
      }
      metrics.putAll(measure(request.source(), model.guidance(), labels, perLabel, classifier, reference).metrics(""));
      metrics.put("fd_floor", FrechetDistance.squared(floor, reference));
      metrics.put("guidance", model.guidance().toString());
      metrics.putAll(
          measure(request.source(), Guidance.none(), labels, perLabel, classifier, reference).metrics("_unguided"));
    }
    return metrics;
  }

  /**
   * Draws {@code perLabel} samples of each of {@code labels} from {@code source} under {@code
   * guidance}, and measures them; their Fréchet distance to the {@code reference} features.
   *
   * @param source the samples
   * @param guidance the guidance to draw under
   * @param labels the labels to draw, not empty
   * @param perLabel the number of samples of each label, ≥ 1
   * @param classifier the classifier of the samples' size
   * @param reference the classifier's features of held-out digits
   * @return the measures
   */
  public static ImageEvaluation measure(
      SampleSource source, Guidance guidance, long[] labels, int perLabel, DigitClassifier classifier,
      float[][] reference) {
    if (labels.length == 0) {
      throw new IllegalArgumentException("the accuracy of a classifier needs labelled samples");
    }
    long[] drawn = new long[labels.length * perLabel];
    for (int i = 0; i < drawn.length; i++) {
      drawn[i] = labels[i / perLabel];
    }
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray samples = drawn(source, manager, labels, perLabel, guidance);
      long[] predicted = classifier.predict(samples);
      int right = 0;
      for (int i = 0; i < drawn.length; i++) {
        right += predicted[i] == drawn[i] ? 1 : 0;
      }
      return new ImageEvaluation(guidance.toString(), (double) right / drawn.length, ClassSpread.of(Rows.floats(samples), drawn),
          FrechetDistance.squared(classifier.features(samples), reference));
    }
  }

  /**
   * Measures the samples of a net that does not read labels, drawn as {@link #measure} draws them
   * (their labels are ignored, so none is right or wrong): the share of them that the classifier
   * reads as each digit, their spread by the digit read, and their Fréchet distance to {@code
   * reference}.
   *
   * @param source the samples
   * @param labels the labels to draw, not empty: with {@code perLabel}, how many samples
   * @param perLabel the number of samples of each label, ≥ 1
   * @param classifier the classifier of the samples' size
   * @param reference the classifier's features of held-out digits
   * @return the figures by name: {@code read_by_label}, {@code spread}, {@code spread_by_label}
   *     (by the label read) and {@code fd}
   */
  public static Map<String, Object> measureUnlabelled(
      SampleSource source, long[] labels, int perLabel, DigitClassifier classifier, float[][] reference) {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray samples = drawn(source, manager, labels, perLabel, Guidance.none());
      long[] read = classifier.predict(samples);
      Map<String, Double> shares = new LinkedHashMap<>();
      for (long label = 1; label <= DigitClassifier.CLASSES; label++) {
        long digit = label;
        shares.put(Long.toString(label), (double) LongStream.of(read).filter(r -> r == digit).count() / read.length);
      }
      Map<String, Object> metrics = new LinkedHashMap<>();
      metrics.put("read_by_label", shares);
      metrics.putAll(spreadAndDistance(ClassSpread.of(Rows.floats(samples), read),
          FrechetDistance.squared(classifier.features(samples), reference), ""));
      return metrics;
    }
  }

  /** The samples {@code source} draws, their final values clipped to the data's range [-1, 1]. */
  private static NDArray drawn(
      SampleSource source, NDManager manager, long[] labels, int perLabel, Guidance guidance) {
    NDArray trajectory = source.draw(manager, labels, perLabel, guidance);
    return trajectory.get(trajectory.getShape().get(0) - 1).clip(-1, 1);
  }

  /**
   * The mean {@link ClassSpread} over the labels of the first {@code count} examples of {@code data}: the reference.
   *
   * @param data labelled images
   * @param count the most examples to take
   * @return the mean spread
   */
  public static double spreadOf(Dataset data, int count) {
    int[] indices = new int[Math.min(count, data.size())];
    Arrays.setAll(indices, i -> i);
    try (NDManager manager = NDManager.newBaseManager()) {
      Dataset.Examples examples = data.get(manager, indices);
      return ClassSpread.mean(Rows.floats(examples.w()), examples.y().toLongArray());
    }
  }

  /**
   * The mean spread over labels.
   *
   * @return the mean spread, 0 without a label of two samples
   */
  public double meanSpread() {
    return mean(spread);
  }

  private static double mean(SortedMap<Long, Double> spread) {
    return spread.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
  }

  /**
   * The figures by name, each name ending in {@code suffix}: accuracy, spread, spread by label and fd.
   *
   * @param suffix the end of every name, such as {@code _unguided}
   * @return the figures, in the order to print them
   */
  public Map<String, Object> metrics(String suffix) {
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("accuracy" + suffix, accuracy);
    metrics.putAll(spreadAndDistance(spread, frechet, suffix));
    return metrics;
  }

  /** The spread's mean and its values by label, and the Fréchet distance, each name ending in {@code suffix}. */
  private static Map<String, Object> spreadAndDistance(SortedMap<Long, Double> spread, double frechet, String suffix) {
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("spread" + suffix, mean(spread));
    Map<String, Double> byLabel = new LinkedHashMap<>();
    spread.forEach((label, value) -> byLabel.put(label.toString(), value));
    metrics.put("spread_by_label" + suffix, byLabel);
    metrics.put("fd" + suffix, frechet);
    return metrics;
  }
}
