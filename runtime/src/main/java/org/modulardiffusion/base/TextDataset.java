package org.modulardiffusion.base;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * A data set of token sequences, w of shape [length] holding token ids, that can turn ids back
 * into text.
 */
public interface TextDataset extends Dataset {

  /**
   * The text of a sequence of token ids, without padding.
   *
   * @param ids the token ids
   * @return the text
   * @throws IllegalArgumentException for an id outside the vocabulary, such as a mask token
   *     that sampling left in place
   */
  String decode(long[] ids);

  /**
   * Tells whether a sentence is valid in the data set's language, for a data set that can: a
   * grammar can, a file of lines cannot. Empty by default.
   *
   * @return the test of validity, or empty
   */
  default Optional<Predicate<String>> validity() {
    return Optional.empty();
  }
}
