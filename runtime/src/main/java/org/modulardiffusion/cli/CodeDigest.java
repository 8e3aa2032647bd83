package org.modulardiffusion.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.modulardiffusion.engine.Sha256;

/**
 * What code a worker runs, as a line per jar or class folder of the program and its modules with
 * the SHA-256 of its contents: the workers of a job compare them at start, so that workers built
 * from different sources are refused before they train.
 */
final class CodeDigest {
  private CodeDigest() {}

  /** The lines of the jars and class folders that hold {@code classes}, sorted by their name. */
  static String of(List<Class<?>> classes) {
    Set<Path> locations = new TreeSet<>();
    for (Class<?> type : classes) {
      CodeSource source = type.getProtectionDomain().getCodeSource();
      if (source != null) {
        try {
          locations.add(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
          // not a file: nothing to compare
        }
      }
    }
    StringBuilder lines = new StringBuilder();
    for (Path location : locations) {
      lines.append(location.getFileName()).append(' ').append(sha256(location)).append('\n');
    }
    return lines.toString();
  }

  /** The SHA-256 of a jar's bytes, or of a folder's files: each one's path within it and bytes. */
  private static String sha256(Path location) {
    try {
      MessageDigest digest = Sha256.create();
      if (Files.isDirectory(location)) {
        try (Stream<Path> files = Files.walk(location)) {
          for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
            digest.update(location.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
            digest.update(Files.readAllBytes(file));
          }
        }
      } else {
        digest.update(Files.readAllBytes(location));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + location + " to compare the workers' code", e);
    }
  }
}
