package org.modulardiffusion.dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of a token data set and their ids: id 0 is the padding {@value #PADDING}, ids 1… are
 * the words in the order given. Text is split into tokens by {@link #tokens}: runs of letters,
 * digits and apostrophes, and every other visible character on its own.
 */
final class Vocabulary {
  /** The padding token, id 0. */
  static final String PADDING = "<pad>";

  private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}']+|\\S");
  private static final String CLOSING_PUNCTUATION = ".,!?;:)";

  private final List<String> words = new ArrayList<>();
  private final Map<String, Integer> ids = new HashMap<>();

  /** A vocabulary of the padding and {@code words}, duplicates dropped, the first one kept. */
  Vocabulary(Collection<String> words) {
    add(PADDING);
    words.forEach(this::add);
  }

  private void add(String word) {
    if (ids.putIfAbsent(word, words.size()) == null) {
      words.add(word);
    }
  }

  /** The tokens of {@code text}: words, numbers and single punctuation characters. */
  static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    for (Matcher matcher = TOKEN.matcher(text); matcher.find(); ) {
      tokens.add(matcher.group());
    }
    return tokens;
  }

  /** The words, the padding first: a word's id is its index. */
  List<String> words() {
    return List.copyOf(words);
  }

  /** The number of words, the padding included. */
  int size() {
    return words.size();
  }

  /** The ids of {@code tokens}, cut or padded with 0 to {@code length}. */
  long[] encode(List<String> tokens, int length) {
    long[] encoded = new long[length];
    for (int i = 0; i < Math.min(length, tokens.size()); i++) {
      Integer id = ids.get(tokens.get(i));
      if (id == null) {
        throw new IllegalArgumentException("the word '" + tokens.get(i) + "' is not in the vocabulary");
      }
      encoded[i] = id;
    }
    return encoded;
  }

  /**
   * The text of {@code ids} without the padding: tokens joined by spaces, except before closing
   * punctuation.
   */
  String decode(long[] ids) {
    StringBuilder text = new StringBuilder();
    for (long id : ids) {
      if (id < 0 || id >= words.size()) {
        throw new IllegalArgumentException(
            "id " + id + " is outside the vocabulary of " + words.size() + " words: " + Arrays.toString(ids));
      }
      if (id == 0) {
        continue;
      }
      String word = words.get((int) id);
      if (text.length() > 0 && !(word.length() == 1 && CLOSING_PUNCTUATION.contains(word))) {
        text.append(' ');
      }
      text.append(word);
    }
    return text.toString();
  }
}
