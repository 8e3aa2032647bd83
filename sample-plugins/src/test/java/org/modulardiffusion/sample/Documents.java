package org.modulardiffusion.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The README and the guides in {@code docs/}, read as Markdown: their fenced code blocks, the
 * prose outside them, and the anchors GitHub gives their headings.
 */
final class Documents {
  /** The repository's root. */
  static final Path ROOT = Path.of(System.getProperty("modulardiffusion.root")).toAbsolutePath().normalize();

  private static final Pattern FENCE = Pattern.compile("( *)```(\\S*)\\s*");
  private static final Pattern CLOSING_FENCE = Pattern.compile(" *```\\s*");
  private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");
  private static final Pattern HEADING = Pattern.compile("#{1,6} +(.*?)[ #]*");
  private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)\\]\\([^)]*\\)");

  private Documents() {}

  /** A fenced code block: its info string, its lines without the fence's indentation, and the line before it. */
  record Block(String info, String code, String before) {}

  /** {@code README.md} and every Markdown file under {@code docs/}, relative to the root. */
  static List<Path> all() throws IOException {
    List<Path> documents = new ArrayList<>(List.of(Path.of("README.md")));
    try (Stream<Path> guides = Files.walk(ROOT.resolve("docs"))) {
      guides.filter(file -> file.toString().endsWith(".md")).map(ROOT::relativize).sorted().forEach(documents::add);
    }
    return documents;
  }

  /** The text of {@code document}, a path relative to the root. */
  static String read(Path document) throws IOException {
    return Files.readString(ROOT.resolve(document));
  }

  /** The fenced code blocks of {@code markdown}, in order. */
  static List<Block> blocks(String markdown) {
    List<Block> blocks = new ArrayList<>();
    String[] lines = markdown.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher fence = FENCE.matcher(lines[i]);
      if (fence.matches()) {
        int indent = fence.group(1).length();
        StringBuilder code = new StringBuilder();
        int j = i + 1;
        for (; j < lines.length && !CLOSING_FENCE.matcher(lines[j]).matches(); j++) {
          String line = lines[j];
          int strip = Math.min(indent, line.length() - line.stripLeading().length());
          code.append(line.substring(strip)).append('\n');
        }
        blocks.add(new Block(fence.group(2), code.toString(), i > 0 ? lines[i - 1] : ""));
        i = j;
      }
    }
    return blocks;
  }

  /** The text of {@code markdown} outside its fenced code blocks, with inline code removed. */
  static String prose(String markdown) {
    return INLINE_CODE.matcher(String.join("\n", linesOutsideBlocks(markdown))).replaceAll("");
  }

  /** The anchors of the headings of {@code markdown}: each heading's slug, a repeated one with -1, -2, …. */
  static Set<String> anchors(String markdown) {
    Set<String> anchors = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String line : linesOutsideBlocks(markdown)) {
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        String slug = slug(heading.group(1));
        int repeats = seen.merge(slug, 1, Integer::sum) - 1;
        anchors.add(repeats == 0 ? slug : slug + "-" + repeats);
      }
    }
    return anchors;
  }

  private static List<String> linesOutsideBlocks(String markdown) {
    List<String> lines = new ArrayList<>();
    boolean inBlock = false;
    for (String line : markdown.split("\n", -1)) {
      if ((inBlock ? CLOSING_FENCE : FENCE).matcher(line).matches()) {
        inBlock = !inBlock;
      } else if (!inBlock) {
        lines.add(line);
      }
    }
    return lines;
  }

  /**
   * GitHub's anchor of a heading: its text as rendered (a link's text, code without backticks),
   * in lower case, without punctuation but {@code -} and {@code _}, each space a {@code -}.
   */
  static String slug(String heading) {
    String text = LINK.matcher(heading).replaceAll("$1").replace("`", "").toLowerCase(Locale.ROOT);
    return text.replaceAll("[^\\p{L}\\p{M}\\p{N}_ -]", "").replace(' ', '-');
  }
}
