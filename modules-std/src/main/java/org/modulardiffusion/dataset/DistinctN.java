package org.modulardiffusion.dataset;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The diversity of a corpus of sentences (Li et al. 2016): the number of distinct n-grams over
 * the total number of n-grams, counted over all sentences,
 *
 * <pre>distinct-n = |{n-grams}| / Σ_s max(0, |s| − n + 1).</pre>
 *
 * <p>Tokens are the whitespace-separated words of a sentence, punctuation attached ("river.");
 * an n-gram never spans two sentences. A corpus without any n-gram has distinct-n 0.
 */
public final class DistinctN {
  private DistinctN() {}

  /**
   * distinct-n of {@code sentences}, n ≥ 1.
   *
   * @param sentences the sentences
   * @param n the length of the n-grams
   * @return distinct-n, in [0, 1]
   */
  public static double of(List<String> sentences, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, got " + n);
    }
    Set<List<String>> distinct = new HashSet<>();
    long total = 0;
    for (String sentence : sentences) {
      String trimmed = sentence.strip();
      List<String> tokens = trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("\\s+"));
      for (int i = 0; i + n <= tokens.size(); i++) {
        distinct.add(List.copyOf(tokens.subList(i, i + n)));
        total++;
      }
    }
    return total == 0 ? 0 : (double) distinct.size() / total;
  }
}
