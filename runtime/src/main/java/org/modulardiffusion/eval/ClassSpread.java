package org.modulardiffusion.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The diversity of samples within each label: the mean Euclidean distance between two distinct
 * samples of label k,
 *
 * <pre>spread(k) = Σ_{i&lt;j} |xᵢ − xⱼ| / (n_k(n_k − 1)/2),  over the n_k samples labelled k.</pre>
 *
 * <p>A model that collapses to one image per label has spread 0. Labels with a single sample
 * have no pair and are left out.
 */
public final class ClassSpread {
  private ClassSpread() {}

  /**
   * The spread of each label with two samples or more, by label.
   *
   * @param samples the samples, each a point of one dimension
   * @param labels the label of each sample
   * @return spread(k) by label k
   */
  public static SortedMap<Long, Double> of(float[][] samples, long[] labels) {
    Points.dimension(samples);
    if (samples.length != labels.length) {
      throw new IllegalArgumentException(samples.length + " samples but " + labels.length + " labels");
    }
    Map<Long, List<float[]>> byLabel = new TreeMap<>();
    for (int i = 0; i < samples.length; i++) {
      byLabel.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(samples[i]);
    }
    SortedMap<Long, Double> spread = new TreeMap<>();
    byLabel.forEach((label, group) -> {
      if (group.size() >= 2) {
        spread.put(label, meanPairwiseDistance(group));
      }
    });
    return spread;
  }

  /**
   * The mean over labels of {@link #of}: every label weighs the same.
   *
   * @param samples the samples, each a point of one dimension
   * @param labels the label of each sample
   * @return the mean spread; 0 when no label has two samples
   */
  public static double mean(float[][] samples, long[] labels) {
    return of(samples, labels).values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
  }

  private static double meanPairwiseDistance(List<float[]> group) {
    double sum = 0;
    for (int i = 0; i < group.size(); i++) {
      for (int j = i + 1; j < group.size(); j++) {
        sum += Math.sqrt(Points.squaredDistance(group.get(i), group.get(j)));
      }
    }
    return sum / (group.size() * (group.size() - 1) / 2.0);
  }
}
