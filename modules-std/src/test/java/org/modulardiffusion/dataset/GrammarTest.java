package org.modulardiffusion.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.modulardiffusion.base.Dataset.Examples;

/** Grammar: generated sentences are valid, the recogniser by hand, the encoding and decoding. */
class GrammarTest {
  private final NDManager manager = NDManager.newBaseManager();

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void everyGeneratedSentenceIsAccepted() {
    Grammar grammar = new Grammar(300, 16, 3);
    long[] ids = grammar.get(manager, IntStream.range(0, 300).toArray()).w().toLongArray();
    for (int i = 0; i < 300; i++) {
      String sentence = grammar.decode(Arrays.copyOfRange(ids, 16 * i, 16 * (i + 1)));
      assertTrue(Grammar.accepts(sentence), sentence);
    }
  }

  @Test
  void acceptsHandWrittenSentencesOfTheGrammar() {
    for (String sentence : List.of(
        "The Eagle is a cheap coffee shop near the river.",
        "Aromi is a cafe serving French food in the old town.",
        "Loch Fyne is a family friendly pub serving Thai food near the cathedral.",
        "Near the park, Zizzi offers high priced Spanish food.",
        "The Mill has a poor customer rating and serves English food.",
        "Cotto is a bistro with a good customer rating.")) {
      assertTrue(Grammar.accepts(sentence), sentence);
    }
  }

  @Test
  void rejectsHandWrittenSentencesOutsideTheGrammar() {
    for (String sentence : List.of(
        "",
        "The Eagle is a cheap coffee shop near the river",
        "The Eagle is cheap coffee shop near the river.",
        "Eagle is a cheap pub near the river.",
        "The Eagle is a cheap pub near the harbour.",
        "The Eagle serves cheap food near the river.",
        "The Eagle is a cheap pub near the river. .",
        "The Eagle is a cheap pizza place near the river.",
        "the Eagle is a cheap pub near the river.")) {
      assertFalse(Grammar.accepts(sentence), sentence);
    }
  }

  @Test
  void examplesAreTokenIdsPaddedWithZeros() {
    Grammar grammar = new Grammar(50, 20, 1);
    Examples examples = grammar.get(manager, new int[] {0, 1, 2});
    assertEquals(new Shape(3, 20), examples.w().getShape());
    assertEquals(DataType.INT64, examples.w().getDataType());
    assertArrayEquals(new long[] {0, 0, 0}, examples.y().toLongArray());
    long[] ids = examples.w().toLongArray();
    for (int i = 0; i < 3; i++) {
      long[] sentence = Arrays.copyOfRange(ids, 20 * i, 20 * (i + 1));
      int end = 0;
      while (sentence[end] != 0) {
        end++;
      }
      // A sentence has at least "<name> serves <price> <food> food <where> ." = 9 words, at most 16.
      assertTrue(end >= 9 && end <= 16, Arrays.toString(sentence));
      assertEquals(".", grammar.vocabulary().get((int) sentence[end - 1]));
      for (int j = end; j < 20; j++) {
        assertEquals(0, sentence[j], Arrays.toString(sentence));
      }
    }
  }

  @Test
  void decodeJoinsWordsDropsPaddingAndAttachesPunctuation() {
    Grammar grammar = new Grammar(1, 16, 0);
    List<String> words = grammar.vocabulary();
    assertEquals("<pad>", words.get(0));
    assertEquals(words.size(), grammar.k());
    assertTrue(grammar.k() >= 50 && grammar.k() <= 100, "k = " + grammar.k());
    long[] ids = new long[16];
    String[] tokens = {"Near", "the", "river", ",", "The", "Mill", "offers", "cheap", "Thai", "food", "."};
    for (int i = 0; i < tokens.length; i++) {
      ids[i] = words.indexOf(tokens[i]);
      assertTrue(ids[i] > 0, tokens[i]);
    }
    assertEquals("Near the river, The Mill offers cheap Thai food.", grammar.decode(ids));
    assertThrows(IllegalArgumentException.class, () -> grammar.decode(new long[] {grammar.k()}));
  }

  @Test
  void theSameSeedGivesTheSameSentences() {
    int[] all = IntStream.range(0, 30).toArray();
    long[] first = new Grammar(30, 16, 8).get(manager, all).w().toLongArray();
    assertArrayEquals(first, new Grammar(30, 16, 8).get(manager, all).w().toLongArray());
    assertFalse(Arrays.equals(first, new Grammar(30, 16, 9).get(manager, all).w().toLongArray()));
  }

  @Test
  void rejectsALengthShorterThanTheLongestSentence() {
    // "The Eagle is a family friendly coffee shop serving Thai food in the city centre ." has 16 tokens.
    assertEquals(16, Grammar.RESTAURANTS.maxLength(), "the longest sentence");
    assertEquals(Grammar.RESTAURANTS.maxLength(), Grammar.LONGEST, "the least length, length's @Param min");
    assertEquals("length: expected a finite value in [16, inf], got 15",
        assertThrows(IllegalArgumentException.class, () -> new Grammar(10, 15, 0)).getMessage());
    assertEquals("count: expected a finite value in [1, inf], got 0",
        assertThrows(IllegalArgumentException.class, () -> new Grammar(0, 16, 0)).getMessage());
  }
}
