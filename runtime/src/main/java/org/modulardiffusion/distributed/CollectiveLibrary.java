package org.modulardiffusion.distributed;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the collective library once per JVM, as DJL loads its natives: the one the runtime's build
 * put among its classes for this platform, copied to a temporary file that is deleted once loaded
 * (the mapping stays), or the file {@link Collective#LIBRARY_PROPERTY} names. Nothing it meets
 * escapes: a library that cannot load becomes the reason it did not, in words that say what to do.
 */
final class CollectiveLibrary {
  private static final String NOT_BUILT = "the collective library was not built: install g++ and libgloo-dev and rebuild";
  private static final String FILE = "libmdcollective.so";
  /** The dynamic loader's words for a library it cannot find, as UnsatisfiedLinkError carries them. */
  private static final Pattern MISSING = Pattern.compile("(lib[^:/\\s]+): cannot open shared object file");
  private static final Optional<String> UNAVAILABLE = loadOnce();

  private CollectiveLibrary() {}

  /** Why the library did not load in this JVM; empty where it did. */
  static Optional<String> unavailableReason() {
    return UNAVAILABLE;
  }

  /** This JVM's platform as the build names it ({@code linux-x86_64}), where there is a library for it. */
  static Optional<String> platform() {
    if (!System.getProperty("os.name").equals("Linux")) {
      return Optional.empty();
    }
    return switch (System.getProperty("os.arch")) {
      case "amd64", "x86_64" -> Optional.of("linux-x86_64");
      case "aarch64" -> Optional.of("linux-aarch64");
      default -> Optional.empty();
    };
  }

  /** Where the build puts the library of a platform, relative to this class's package. */
  static String resource(String platform) {
    return "native/" + platform + "/" + FILE;
  }

  private static Optional<String> loadOnce() {
    String named = System.getProperty(Collective.LIBRARY_PROPERTY);
    if (named != null) {
      return Files.isRegularFile(Path.of(named))
          ? load(Path.of(named))
          : Optional.of(Collective.LIBRARY_PROPERTY + " names " + named + ", which is no file");
    }
    Optional<String> platform = platform();
    if (platform.isEmpty()) {
      return Optional.of("the collective library runs on Linux x86-64 and aarch64 only, not on "
          + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }
    URL built = CollectiveLibrary.class.getResource(resource(platform.get()));
    if (built == null) {
      return Optional.of(NOT_BUILT);
    }
    Path copy;
    try {
      copy = Files.createTempFile("libmdcollective", ".so");
      try (InputStream in = built.openStream()) {
        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      return Optional.of("cannot copy the collective library to java.io.tmpdir ("
          + System.getProperty("java.io.tmpdir") + "): " + e);
    }
    try {
      return load(copy);
    } finally {
      copy.toFile().delete();
    }
  }

  /** Loads the library in {@code file}; the reason it could not, if it could not. */
  static Optional<String> load(Path file) {
    try {
      System.load(file.toAbsolutePath().toString());
      return Optional.empty();
    } catch (UnsatisfiedLinkError e) {
      Matcher missing = MISSING.matcher(String.valueOf(e.getMessage()));
      return Optional.of(missing.find()
          ? missing.group(1) + " is missing: apt-get install libgloo0"
          : "cannot load the collective library: " + e.getMessage());
    } catch (RuntimeException e) {
      return Optional.of("cannot load the collective library " + file + ": " + e);
    }
  }
}
