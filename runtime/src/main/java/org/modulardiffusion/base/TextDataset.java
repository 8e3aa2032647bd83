package org.modulardiffusion.base;

/**
 * A data set of token sequences, w of shape [length] holding token ids, that can turn ids back
 * into text.
 */
public interface TextDataset extends Dataset {

  /** The text of a sequence of token ids, without padding. */
  String decode(long[] ids);
}
