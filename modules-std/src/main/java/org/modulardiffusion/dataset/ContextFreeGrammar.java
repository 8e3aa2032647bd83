package org.modulardiffusion.dataset;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A small context-free grammar without recursion, written as templates: a symbol in angle
 * brackets ({@code <name>}) is replaced by one of its alternatives, any other word stands for
 * itself. It generates sentences at random and recognises its sentences by parsing them.
 */
final class ContextFreeGrammar {
  private final String start;
  private final Map<String, List<List<String>>> rules = new LinkedHashMap<>();

  /** A grammar whose sentences are the expansions of {@code start}; add its rules with {@link #rule}. */
  ContextFreeGrammar(String start) {
    this.start = start;
  }

  /**
   * Adds the alternatives of {@code symbol}, each a space-separated template; "" is the empty
   * alternative.
   */
  ContextFreeGrammar rule(String symbol, String... alternatives) {
    List<List<String>> templates = new ArrayList<>();
    for (String alternative : alternatives) {
      templates.add(alternative.isEmpty() ? List.of() : List.of(alternative.split(" ")));
    }
    rules.put(symbol, templates);
    return this;
  }

  private static boolean isSymbol(String word) {
    return word.length() > 2 && word.startsWith("<") && word.endsWith(">");
  }

  /** A sentence drawn by choosing each alternative uniformly at random. */
  List<String> generate(Random random) {
    List<String> sentence = new ArrayList<>();
    expand(start, random, sentence);
    return sentence;
  }

  private void expand(String word, Random random, List<String> sentence) {
    if (!isSymbol(word)) {
      sentence.add(word);
      return;
    }
    List<List<String>> alternatives = alternatives(word);
    for (String part : alternatives.get(random.nextInt(alternatives.size()))) {
      expand(part, random, sentence);
    }
  }

  /** Whether {@code tokens} is a sentence of the grammar. */
  boolean accepts(List<String> tokens) {
    return ends(start, tokens, 0).contains(tokens.size());
  }

  /** The positions where a parse of {@code word} that begins at {@code from} can end. */
  private Set<Integer> ends(String word, List<String> tokens, int from) {
    if (!isSymbol(word)) {
      return from < tokens.size() && tokens.get(from).equals(word) ? Set.of(from + 1) : Set.of();
    }
    Set<Integer> ends = new HashSet<>();
    for (List<String> alternative : alternatives(word)) {
      Set<Integer> positions = Set.of(from);
      for (String part : alternative) {
        Set<Integer> next = new HashSet<>();
        for (int position : positions) {
          next.addAll(ends(part, tokens, position));
        }
        positions = next;
      }
      ends.addAll(positions);
    }
    return ends;
  }

  /** The number of words of the longest sentence. */
  int maxLength() {
    return maxLength(start, new HashSet<>());
  }

  private int maxLength(String word, Set<String> expanding) {
    if (!isSymbol(word)) {
      return 1;
    }
    if (!expanding.add(word)) {
      throw new IllegalStateException("the symbol " + word + " is recursive");
    }
    int longest = 0;
    for (List<String> alternative : alternatives(word)) {
      int length = 0;
      for (String part : alternative) {
        length += maxLength(part, expanding);
      }
      longest = Math.max(longest, length);
    }
    expanding.remove(word);
    return longest;
  }

  /** The words the grammar uses, in the order of the rules. */
  Set<String> words() {
    Set<String> words = new LinkedHashSet<>();
    rules.values().forEach(alternatives -> alternatives.forEach(alternative -> alternative.stream()
        .filter(word -> !isSymbol(word))
        .forEach(words::add)));
    return words;
  }

  private List<List<String>> alternatives(String symbol) {
    List<List<String>> alternatives = rules.get(symbol);
    if (alternatives == null) {
      throw new IllegalStateException("the symbol " + symbol + " has no rule");
    }
    return alternatives;
  }
}
