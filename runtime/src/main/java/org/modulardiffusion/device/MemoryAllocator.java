package org.modulardiffusion.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory allocator this process runs on: a replacement for malloc preloaded into it
 * (tcmalloc, jemalloc or mimalloc), as the libraries it has mapped show, or the C library's.
 * PyTorch allocates memory for each array an operation makes, so on the CPU the allocator sets
 * much of the cost of an operation on small arrays.
 *
 * @param name {@code tcmalloc}, {@code jemalloc}, {@code mimalloc}, or {@code system}
 * @param library the replacement's library, or null for the system's malloc
 */
public record MemoryAllocator(String name, Path library) {
  private static final Pattern REPLACEMENT = Pattern.compile("\\s(/\\S*/lib(tcmalloc|jemalloc|mimalloc)[^/\\s]*)$");

  /**
   * The allocator of this process; the system's where the process's mapped libraries cannot be read.
   *
   * @return the allocator
   */
  public static MemoryAllocator inThisProcess() {
    Path maps = Path.of("/proc/self/maps");
    try {
      return Files.isReadable(maps) ? fromMaps(Files.readAllLines(maps)) : system();
    } catch (IOException e) {
      return system();
    }
  }

  /** The allocator whose library is among the mappings of {@code /proc/self/maps}, else the system's. */
  static MemoryAllocator fromMaps(List<String> maps) {
    for (String mapping : maps) {
      Matcher library = REPLACEMENT.matcher(mapping);
      if (library.find()) {
        return new MemoryAllocator(library.group(2), Path.of(library.group(1)));
      }
    }
    return system();
  }

  private static MemoryAllocator system() {
    return new MemoryAllocator("system", null);
  }

  /**
   * Whether this is the C library's malloc.
   *
   * @return whether it is malloc
   */
  public boolean isSystem() {
    return library == null;
  }
}
