package org.modulardiffusion.dataset;

import java.util.List;
import java.util.function.Predicate;

/** The fraction of sentences that a check, such as a grammar's parser, accepts: |{s : accepts(s)}| / |S|. */
public final class ValidityRate {
  private ValidityRate() {}

  /**
   * The fraction of {@code sentences}, at least one, that {@code accepts} accepts.
   *
   * @param sentences the sentences
   * @param accepts the test of a sentence
   * @return the fraction, in [0, 1]
   */
  public static double of(List<String> sentences, Predicate<String> accepts) {
    if (sentences.isEmpty()) {
      throw new IllegalArgumentException("no sentences to check");
    }
    return (double) sentences.stream().filter(accepts).count() / sentences.size();
  }
}
