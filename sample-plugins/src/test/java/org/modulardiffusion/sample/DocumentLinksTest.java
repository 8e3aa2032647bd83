package org.modulardiffusion.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of the README and the guides, {@code [text](path)}, {@code
 * [text](path#anchor)}, {@code [text](#anchor)} and an image's {@code ![text](path)}, names a
 * file of the repository and, with an anchor, a heading of that Markdown file.
 */
class DocumentLinksTest {
  private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]*)\\)");
  private static final Pattern SCHEME = Pattern.compile("\\A[a-z][a-z0-9+.-]*:");

  @Test
  void everyRelativeLinkNamesAFileAndAHeadingThatExist() throws IOException {
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path document : Documents.all()) {
      Matcher link = LINK.matcher(Documents.prose(Documents.read(document)));
      while (link.find()) {
        String target = link.group(1);
        if (!SCHEME.matcher(target).find()) {
          String fault = fault(document, target);
          if (fault != null) {
            broken.add(document + ": (" + target + ") " + fault);
          }
          checked++;
        }
      }
    }
    assertEquals(List.of(), broken);
    assertTrue(checked >= 50, "found only " + checked + " relative links; has the pattern stopped matching?");
  }

  @Test
  void headingsHaveGitHubsAnchors() {
    assertEquals("crashes-kill--9-and-ctrl-c", Documents.slug("Crashes, kill -9 and Ctrl-C"));
    assertEquals("data-embedding", Documents.slug("data: `embedding`"));
    assertEquals("see-the-cli-and-train_batch", Documents.slug("See [the CLI](cli.md) and `train_batch`!"));
    assertEquals(Set.of("faults", "faults-1", "faults-2"), Documents.anchors("# Faults\n## Faults\n### Faults\n"));
    assertEquals(Set.of("outside"), Documents.anchors("## Outside\n```sh\n# a comment, no heading\n```\n"));
  }

  /** What is wrong with {@code target}, a link of {@code document}, or null. */
  private static String fault(Path document, String target) throws IOException {
    int hash = target.indexOf('#');
    String path = hash < 0 ? target : target.substring(0, hash);
    Path here = Documents.ROOT.resolve(document);
    Path file = path.isEmpty() ? here : here.getParent().resolve(path).normalize();
    if (!file.startsWith(Documents.ROOT)) {
      return "leaves the repository";
    }
    if (!Files.exists(file)) {
      return "names no file";
    }
    if (hash < 0) {
      return null;
    }
    if (!file.toString().endsWith(".md")) {
      return "has an anchor, but names no Markdown file";
    }
    String anchor = target.substring(hash + 1);
    return Documents.anchors(Files.readString(file)).contains(anchor)
        ? null : "names no heading of " + Documents.ROOT.relativize(file);
  }
}
