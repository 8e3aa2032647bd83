package org.modulardiffusion.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The measures of sentences on inputs whose value is known by hand. */
class TextMeasuresTest {

  @Test
  void distinctNCountsDistinctOverAllNGrams() {
    List<String> sentences = List.of("the cat sat", "the cat ran", "", "hi");
    // unigrams: the cat sat the cat ran hi = 7, distinct the cat sat ran hi = 5
    assertEquals(5 / 7.0, DistinctN.of(sentences, 1), 1e-12);
    // bigrams: "the cat", "cat sat", "the cat", "cat ran" = 4 ("hi" has none), distinct 3
    assertEquals(3 / 4.0, DistinctN.of(sentences, 2), 1e-12);
    assertEquals(0, DistinctN.of(List.of("one two"), 3));
  }

  @Test
  void validityRateIsTheShareAccepted() {
    assertEquals(0.5, ValidityRate.of(List.of("a", "bb", "ccc", "dd"), s -> s.length() == 2));
    assertThrows(IllegalArgumentException.class, () -> ValidityRate.of(List.of(), s -> true));
  }
}
