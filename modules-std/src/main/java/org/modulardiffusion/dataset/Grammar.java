package org.modulardiffusion.dataset;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import org.modulardiffusion.annotation.DatasetModule;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.base.ArrayDataset;
import org.modulardiffusion.base.InMemoryDataset;
import org.modulardiffusion.base.TextDataset;
import org.modulardiffusion.eval.Evaluable;
import org.modulardiffusion.eval.Evaluation;

/**
 * Sentences describing restaurants, drawn from a small template grammar ("The Eagle is a cheap
 * coffee shop near the river."), for text diffusion with a measurable validity rate: {@link
 * #accepts} tells whether a generated sentence is one of the grammar's. Examples are int64 token
 * ids [length], padded with id 0 after the sentence; labels are 0.
 */
@DatasetModule
public final class Grammar implements InMemoryDataset, TextDataset, Evaluable {
  /**
   * The tokens of the longest sentence, the least {@code length}: "The Eagle is a family friendly
   * coffee shop serving Thai food in the city centre ." (GrammarTest holds it to the grammar).
   */
  static final int LONGEST = 16;

  static final ContextFreeGrammar RESTAURANTS = new ContextFreeGrammar("<sentence>")
      .rule("<sentence>",
          "<name> is a <price> <venue> <where> .",
          "<name> is a <mood> <venue> serving <food> food <where> .",
          "<name> serves <price> <food> food <where> .",
          "<name> has a <rating> customer rating and serves <food> food .",
          "<name> is a <venue> with a <rating> customer rating .",
          "Near the <landmark> , <name> offers <price> <food> food .")
      .rule("<name>",
          "The Eagle", "The Mill", "The Punter", "The Phoenix", "The Wrestlers", "The Cricketers",
          "Alimentum", "Aromi", "Cotto", "Zizzi", "Giraffe", "Strada", "Fitzbillies", "Wildwood",
          "Loch Fyne", "Browns Cambridge")
      .rule("<price>", "cheap", "moderately priced", "pricey", "high priced")
      .rule("<mood>", "", "family friendly", "cosy", "quiet", "busy")
      .rule("<venue>", "coffee shop", "restaurant", "pub", "cafe", "bistro")
      .rule("<food>", "Italian", "French", "Chinese", "Japanese", "Indian", "English", "Thai", "Spanish")
      .rule("<rating>", "low", "high", "good", "poor")
      .rule("<where>", "near the <landmark>", "in the <area>")
      .rule("<landmark>", "river", "station", "market", "cathedral", "museum", "park")
      .rule("<area>", "city centre", "old town", "suburbs", "harbour");

  private static final Vocabulary VOCABULARY = new Vocabulary(RESTAURANTS.words());

  private final ArrayDataset sentences;

  /**
   * @param count how many sentences
   * @param length the number of tokens of each example; at least the longest sentence, 16
   * @param seed the seed of the generator; the same seed gives the same sentences
   */
  public Grammar(
      @Param(defaultValue = "10000", min = 1, description = "how many sentences") int count,
      @Param(defaultValue = "" + LONGEST, min = LONGEST, description = "tokens per example, padding included") int length,
      @Param(defaultValue = "0", description = "the seed; the same seed gives the same sentences") long seed) {
    Grammar_Parameters.check(count, length);
    Random random = new Random(seed);
    float[] ids = ArrayDataset.allocate(count, length);
    for (int i = 0; i < count; i++) {
      long[] sentence = VOCABULARY.encode(RESTAURANTS.generate(random), length);
      for (int j = 0; j < length; j++) {
        ids[i * length + j] = sentence[j];
      }
    }
    this.sentences = new ArrayDataset(ids, new Shape(length), null, DataType.INT64);
  }

  /**
   * Whether {@code sentence} is a sentence of the grammar, like those {@link #decode} returns.
   *
   * @param sentence the sentence
   * @return whether the grammar accepts it
   */
  public static boolean accepts(String sentence) {
    return RESTAURANTS.accepts(Vocabulary.tokens(sentence));
  }

  /**
   * The words, the padding {@code <pad>} first: a word's id is its index.
   *
   * @return the words
   */
  public List<String> vocabulary() {
    return VOCABULARY.words();
  }

  /**
   * The number of words, the padding included: token ids are 0 to k - 1.
   *
   * @return k
   */
  public int k() {
    return VOCABULARY.size();
  }

  /** The sentence of {@code ids}, without the padding: "The Mill serves cheap Thai food in the harbour." */
  @Override
  public String decode(long[] ids) {
    return VOCABULARY.decode(ids);
  }

  /** The grammar itself: {@link #accepts}. */
  @Override
  public Optional<Predicate<String>> validity() {
    return Optional.of(Grammar::accepts);
  }

  @Override
  public ArrayDataset examples() {
    return sentences;
  }

  /** The validity and diversity of the sentences sampled (see {@link TextEvaluation}). */
  @Override
  public Map<String, Object> evaluate(Evaluation request) {
    return TextEvaluation.evaluate(request, this);
  }
}
