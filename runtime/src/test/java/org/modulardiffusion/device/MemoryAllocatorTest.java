package org.modulardiffusion.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryAllocatorTest {
  private static final String LIBC =
      "7f1c2a200000-7f1c2a228000 r--p 00000000 fe:01 1837 /usr/lib/x86_64-linux-gnu/libc.so.6";
  private static final String TCMALLOC =
      "7f1c2a600000-7f1c2a61e000 r-xp 00004000 fe:01 9021 /usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4.5.10";

  @Test
  void aPreloadedTcmallocIsFoundAmongTheMappings() {
    assertEquals(new MemoryAllocator("tcmalloc", Path.of("/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4.5.10")),
        MemoryAllocator.fromMaps(List.of("55d0c8a00000-55d0c8a01000 r--p 00000000 fe:01 77 /usr/bin/java", LIBC, TCMALLOC)));
  }

  @Test
  void jemallocAndMimallocAreReplacementsToo() {
    assertEquals("jemalloc", MemoryAllocator.fromMaps(
        List.of("7f00-7f10 r-xp 00000000 fe:01 12 /opt/jemalloc/lib/libjemalloc.so.2")).name());
    assertEquals("mimalloc", MemoryAllocator.fromMaps(
        List.of("7f00-7f10 r-xp 00000000 fe:01 12 /usr/local/lib/libmimalloc.so.2.1")).name());
  }

  @Test
  void withoutOneItIsTheSystemsMalloc() {
    MemoryAllocator allocator = MemoryAllocator.fromMaps(
        List.of(LIBC, "7f00-7f10 rw-p 00000000 00:00 0 [heap]", "7f00-7f10 r--s 00000000 fe:01 5 /tmp/libtcmalloc-notes/data.bin"));
    assertEquals(new MemoryAllocator("system", null), allocator);
    assertTrue(allocator.isSystem());
  }
}
