package org.modulardiffusion.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.LongStream;
import org.modulardiffusion.base.Dataset;
import org.modulardiffusion.base.Guidance;
import org.modulardiffusion.engine.Model;

/**
 * How close the points a model samples come to its data. With n samples and 2n held-out points
 * split into halves H₁ and H₂, each distance d is measured as d(samples, H₁) next to the floor
 * d(H₂, H₁) and the ceiling d(noise, H₁), the stationary noise the samples started from (see
 * {@link Bracket}). The distances are SW₁ ({@link SlicedWasserstein}, {@value
 * SlicedWasserstein#DEFAULT_PROJECTIONS} directions, seed 0) and MMD²ᵤ ({@link Mmd}) with one
 * bandwidth for all three, the median heuristic's on H₁ ∪ H₂.
 *
 * @param count the number n of samples
 * @param slicedWasserstein SW₁ to H₁
 * @param bandwidth the kernel bandwidth σ of the MMD
 * @param mmd MMD²ᵤ to H₁
 */
public record PointEvaluation(int count, Bracket slicedWasserstein, double bandwidth, Bracket mmd) {

  /** Points drawn when the request leaves it to the data set. */
  private static final int POINTS = 1000;

  /**
   * The figures of {@code request}: {@value #POINTS} points (or as many as asked) spread over the
   * data set's labels, measured against twice as many held-out points.
   *
   * @param request what to evaluate
   * @return the figures by name, in the order to print them
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Map<String, Object> evaluate(Evaluation request) {
    Model model = request.model();
    long[] labels = LongStream.rangeClosed(1, model.dataset().classes()).toArray();
    int perLabel = Math.max(1, request.samplesOr(POINTS) / Math.max(1, labels.length));
    Dataset heldOut = request.heldOut().apply(2 * perLabel * Math.max(1, labels.length));
    return measure(request.source(), labels, perLabel, heldOut, model.guidance()).metrics();
  }

  /**
   * Draws {@code perLabel} points for each of {@code labels} (empty: unlabelled) from {@code
   * source} under {@code guidance}, and measures them against the first 2n examples of {@code
   * heldOut}.
   *
   * @param source the samples
   * @param labels the labels to draw, or empty
   * @param perLabel the number of points for each label, ≥ 1
   * @param heldOut examples the model was not trained on, at least 2n
   * @param guidance the guidance to draw under
   * @return the measures
   */
  public static PointEvaluation measure(SampleSource source, long[] labels, int perLabel, Dataset heldOut,
      Guidance guidance) {
    float[][] samples;
    float[][] noise;
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray trajectory = source.draw(manager, labels, perLabel, guidance);
      noise = Rows.floats(trajectory.get(0));
      samples = Rows.floats(trajectory.get(trajectory.getShape().get(0) - 1));
    }
    int n = samples.length;
    if (heldOut.size() < 2 * n) {
      throw new IllegalArgumentException(
          "the held-out data hold " + heldOut.size() + " points; " + 2 * n + " are needed for " + n + " samples");
    }
    float[][] data;
    try (NDManager manager = NDManager.newBaseManager()) {
      int[] indices = new int[2 * n];
      Arrays.setAll(indices, i -> i);
      data = Rows.floats(heldOut.get(manager, indices).w());
    }
    float[][] first = Arrays.copyOfRange(data, 0, n);
    float[][] second = Arrays.copyOfRange(data, n, 2 * n);
    SlicedWasserstein sw = new SlicedWasserstein();
    double sigma = Mmd.medianBandwidth(first, second);
    return new PointEvaluation(
        n,
        new Bracket(sw.distance(samples, first), sw.distance(second, first), sw.distance(noise, first)),
        sigma,
        new Bracket(Mmd.squared(samples, first, sigma), Mmd.squared(second, first, sigma), Mmd.squared(noise, first, sigma)));
  }

  /**
   * The figures by name, for a metrics log: sw, sw_floor, sw_ceiling, sw_ratio, then mmd's.
   *
   * @return the figures, in the order to print them
   */
  public Map<String, Object> metrics() {
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("samples", count);
    put(metrics, "sw", slicedWasserstein);
    metrics.put("mmd_bandwidth", bandwidth);
    put(metrics, "mmd", mmd);
    return metrics;
  }

  private static void put(Map<String, Object> metrics, String name, Bracket bracket) {
    metrics.put(name, bracket.samples());
    metrics.put(name + "_floor", bracket.floor());
    metrics.put(name + "_ceiling", bracket.ceiling());
    metrics.put(name + "_ratio", bracket.ratio());
  }
}
