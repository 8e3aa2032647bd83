package org.modulardiffusion.dataset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.modulardiffusion.base.Guidance;
import org.modulardiffusion.base.TextDataset;
import org.modulardiffusion.eval.Evaluation;
import org.modulardiffusion.eval.Rows;
import org.modulardiffusion.eval.SampleSource;

/**
 * The quality of the sentences a model writes: the share a grammar accepts ({@link
 * ValidityRate}), when the data set has one, and their diversity, distinct-1 and distinct-2
 * ({@link DistinctN}). A sentence with ids outside the vocabulary (a mask token left standing,
 * say) cannot be decoded: it counts as invalid and adds no n-gram.
 *
 * @param sentences the decoded sentences, an undecodable one empty
 * @param undecodable the share of sentences that could not be decoded
 * @param validity the share the data set's grammar accepts, if it has one
 */
public record TextEvaluation(List<String> sentences, double undecodable, Optional<Double> validity) {

  /** Sentences drawn when the request leaves it to the data set. */
  private static final int SENTENCES = 500;

  /**
   * The figures of {@code request}: {@value #SENTENCES} sentences (or as many as asked), five of
   * them shown, measured next to as many sentences of the data set ({@code data_distinct_n}).
   *
   * @param request what to evaluate
   * @param text the data set
   * @return the figures by name, in the order to print them
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Map<String, Object> evaluate(Evaluation request, TextDataset text) {
    TextEvaluation result =
        measure(request.source(), request.samplesOr(SENTENCES), text, request.model().guidance());
    result.sentences().stream().limit(5).forEach(sentence -> request.out().println("  \"" + sentence + "\""));
    Map<String, Object> metrics = result.metrics();
    TextEvaluation reference = ofData(text, result.sentences().size());
    metrics.put("data_distinct_1", reference.distinct(1));
    metrics.put("data_distinct_2", reference.distinct(2));
    return metrics;
  }

  /**
   * Draws {@code count} unlabelled sentences from {@code source} under {@code guidance}, and measures them.
   *
   * @param source the samples
   * @param count the number of sentences, ≥ 1
   * @param text the data set, which decodes the samples
   * @param guidance the guidance to draw under
   * @return the measures
   */
  public static TextEvaluation measure(SampleSource source, int count, TextDataset text, Guidance guidance) {
    long[][] ids;
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray trajectory = source.draw(manager, new long[0], count, guidance);
      ids = Rows.longs(trajectory.get(trajectory.getShape().get(0) - 1));
    }
    List<String> sentences = new ArrayList<>();
    int undecodable = 0;
    for (long[] sentence : ids) {
      try {
        sentences.add(text.decode(sentence));
      } catch (IllegalArgumentException e) {
        sentences.add("");
        undecodable++;
      }
    }
    return of(sentences, (double) undecodable / ids.length, text);
  }

  /**
   * The first {@code count} sentences of {@code text} itself, measured: the reference.
   *
   * @param text the data set
   * @param count the most sentences to take
   * @return the measures
   */
  public static TextEvaluation ofData(TextDataset text, int count) {
    int[] indices = new int[Math.min(count, text.size())];
    Arrays.setAll(indices, i -> i);
    List<String> sentences = new ArrayList<>();
    try (NDManager manager = NDManager.newBaseManager()) {
      for (long[] sentence : Rows.longs(text.get(manager, indices).w())) {
        sentences.add(text.decode(sentence));
      }
    }
    return of(sentences, 0, text);
  }

  private static TextEvaluation of(List<String> sentences, double undecodable, TextDataset text) {
    return new TextEvaluation(
        List.copyOf(sentences), undecodable, text.validity().map(accepts -> ValidityRate.of(sentences, accepts)));
  }

  /**
   * distinct-n of the sentences.
   *
   * @param n the length of the n-grams, ≥ 1
   * @return distinct-n, in [0, 1]
   */
  public double distinct(int n) {
    return DistinctN.of(sentences, n);
  }

  /**
   * The figures by name: validity (when known), undecodable, distinct_1, distinct_2.
   *
   * @return the figures, in the order to print them
   */
  public Map<String, Object> metrics() {
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("samples", sentences.size());
    validity.ifPresent(rate -> metrics.put("validity", rate));
    metrics.put("undecodable", undecodable);
    metrics.put("distinct_1", distinct(1));
    metrics.put("distinct_2", distinct(2));
    return metrics;
  }
}
