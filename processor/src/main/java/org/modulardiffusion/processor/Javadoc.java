package org.modulardiffusion.processor;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a Javadoc comment into the plain-text summary that `diffusion modules` prints. */
final class Javadoc {
  private static final Pattern INLINE_TAG = Pattern.compile("\\{@\\w+\\s+([^}]*)}");
  private static final Pattern SENTENCE_END = Pattern.compile("(?<!\\bal|\\be\\.g|\\bi\\.e|\\bcf)\\.\\s+(?=[A-Z])");

  private Javadoc() {}

  /**
   * The first sentence of {@code comment} as plain text: inline tags become their text,
   * subscripts {@code _t} and superscripts {@code ^2}, other HTML tags are dropped; empty for
   * no comment.
   */
  static String summary(String comment) {
    if (comment == null) {
      return "";
    }
    String text = comment.strip().split("\n\\s*\n|\n\\s*@", 2)[0].replaceAll("\\s+", " ");
    text = INLINE_TAG.matcher(text).replaceAll(match -> Matcher.quoteReplacement(match.group(1)));
    text = text.replaceAll("<sub>([^<]*)</sub>", "_$1")
        .replaceAll("<sup>([^<]*)</sup>", "^$1")
        .replaceAll("<[^>]+>", "")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    Matcher end = SENTENCE_END.matcher(text);
    return end.find() ? text.substring(0, end.start() + 1) : text;
  }
}
