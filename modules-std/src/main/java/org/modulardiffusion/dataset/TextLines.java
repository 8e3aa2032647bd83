package org.modulardiffusion.dataset;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.modulardiffusion.annotation.DatasetModule;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.base.ArrayDataset;
import org.modulardiffusion.base.InMemoryDataset;
import org.modulardiffusion.base.TextDataset;
import org.modulardiffusion.eval.Evaluable;
import org.modulardiffusion.eval.Evaluation;

/**
 * The lines of a UTF-8 text file, one example per line that is not blank. Lines are lower-cased
 * and split into tokens: runs of letters, digits and apostrophes, and every other visible
 * character on its own ("Don't stop!" is {@code don't stop !}). The vocabulary is the padding
 * {@code <pad>} (id 0), then the tokens in the order they first appear. Examples are int64 token
 * ids [length], cut or padded with 0 to length; labels are 0.
 */
@DatasetModule
public final class TextLines implements InMemoryDataset, TextDataset, Evaluable {
  private final Vocabulary vocabulary;
  private final ArrayDataset lines;

  /**
   * @param file the text file, UTF-8
   * @param length the number of tokens of each example; longer lines are cut
   */
  public TextLines(
      @Param(description = "the UTF-8 text file, one example per line") String file,
      @Param(defaultValue = "32", min = 1, description = "tokens per example; longer lines are cut") int length) {
    TextLines_Parameters.check(length);
    if (file == null || file.isBlank()) {
      throw new IllegalArgumentException("the text file must be given");
    }
    List<List<String>> sentences = new ArrayList<>();
    List<String> words = new ArrayList<>();
    for (String line : lines(file)) {
      List<String> tokens = Vocabulary.tokens(line.toLowerCase(Locale.ROOT));
      if (!tokens.isEmpty()) {
        sentences.add(tokens);
        words.addAll(tokens);
      }
    }
    if (sentences.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no text");
    }
    this.vocabulary = new Vocabulary(words);
    float[] ids = new float[sentences.size() * length];
    for (int i = 0; i < sentences.size(); i++) {
      long[] sentence = vocabulary.encode(sentences.get(i), length);
      for (int j = 0; j < length; j++) {
        ids[i * length + j] = sentence[j];
      }
    }
    this.lines = new ArrayDataset(ids, new Shape(length), null, DataType.INT64);
  }

  /** The lines of {@code file}, each decoded on its own so an error can name its line. */
  private static List<String> lines(String file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(Path.of(file));
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + " does not exist", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int end = 0; end <= bytes.length; end++) {
      if (end == bytes.length || bytes[end] == '\n') {
        try {
          ByteBuffer line = ByteBuffer.wrap(Arrays.copyOfRange(bytes, start, end));
          lines.add(StandardCharsets.UTF_8.newDecoder().decode(line).toString());
        } catch (CharacterCodingException e) {
          throw new IllegalArgumentException(file + ", line " + (lines.size() + 1) + ": not valid UTF-8", e);
        }
        start = end + 1;
      }
    }
    return lines;
  }

  /**
   * The words, the padding {@code <pad>} first: a word's id is its index.
   *
   * @return the words
   */
  public List<String> vocabulary() {
    return vocabulary.words();
  }

  /**
   * The number of words, the padding included: token ids are 0 to k - 1.
   *
   * @return k
   */
  public int k() {
    return vocabulary.size();
  }

  /** The text of {@code ids}, without the padding. */
  @Override
  public String decode(long[] ids) {
    return vocabulary.decode(ids);
  }

  @Override
  public ArrayDataset examples() {
    return lines;
  }

  /** The validity and diversity of the sentences sampled (see {@link TextEvaluation}). */
  @Override
  public Map<String, Object> evaluate(Evaluation request) {
    return TextEvaluation.evaluate(request, this);
  }
}
