package org.modulardiffusion.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gloo's collectives through our JNI library: two ranks, each a JVM of its own, meet through a
 * store this test serves and talk over 127.0.0.1. Where the build could not make the library (no
 * g++ or libgloo-dev), the tests are skipped with the reason, unless the environment variable CI
 * is set on a platform the build makes it for (Linux x86-64 and aarch64): then they fail.
 */
class CollectiveTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  /** A JVM's start and DJL's, on a busy machine, with room. */
  private static final Duration START = Duration.ofSeconds(30);

  @Test
  void isAvailableWhereTheBuildMadeTheLibrary() {
    Optional<String> platform = CollectiveLibrary.platform();
    if (platform.isEmpty()) {
      assertEquals(Optional.of("the collective library runs on Linux x86-64 and aarch64 only, not on "
          + System.getProperty("os.name") + " " + System.getProperty("os.arch")), Collective.unavailableReason());
    } else if (Collective.class.getResource(CollectiveLibrary.resource(platform.get())) != null || ci()) {
      assertEquals(Optional.empty(), Collective.unavailableReason());
      assertTrue(Collective.available());
    } else {
      assertEquals(Optional.of("the collective library was not built: install g++ and libgloo-dev and rebuild"),
          Collective.unavailableReason());
    }
  }

  /** One pair of ranks reduces and broadcasts DJL arrays; each test checks one of them. */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class DjlArrays {
    private final List<RankProcess> ranks = new ArrayList<>();

    @BeforeAll
    void run() throws InterruptedException {
      assumeAvailable();
      // DJL's natives extracted once, here, not by both ranks at once into the same cache.
      Engine.getEngine("PyTorch");
      try (TcpStore store = TcpStore.serve(0)) {
        ranks.addAll(RankProcess.startAll("arrays", 2, store.port(), TIMEOUT));
        for (RankProcess rank : ranks) {
          rank.await("barrier", START);
          assertEquals(0, rank.exitValue(TIMEOUT), rank.transcript());
        }
      }
    }

    @AfterAll
    void stop() {
      ranks.forEach(RankProcess::close);
    }

    @Test
    void aGradientIsSummedInPlace() throws InterruptedException {
      float[] sum = new float[1000];
      for (int i = 0; i < sum.length; i++) {
        sum[i] = CollectiveRank.value(0, i) + CollectiveRank.value(1, i);
      }
      for (RankProcess rank : ranks) {
        assertArrayEquals(sum, floats(rank.await("gradient", TIMEOUT)), rank.transcript());
      }
    }

    @Test
    void aSliceOfAFlatArrayIsSummedInPlaceAndNothingElse() throws InterruptedException {
      for (int r = 0; r < 2; r++) {
        float[] expected = new float[10];
        for (int i = 0; i < 10; i++) {
          expected[i] = i >= 4 && i < 8 ? CollectiveRank.value(0, i) + CollectiveRank.value(1, i) : CollectiveRank.value(r, i);
        }
        assertArrayEquals(expected, floats(ranks.get(r).await("flat", TIMEOUT)), ranks.get(r).transcript());
      }
    }

    @Test
    void rankZerosArrayIsBroadcastIntoEveryRanks() throws InterruptedException {
      float[] rankZeros = {CollectiveRank.value(0, 0), CollectiveRank.value(0, 1), CollectiveRank.value(0, 2),
          CollectiveRank.value(0, 3), CollectiveRank.value(0, 4)};
      for (RankProcess rank : ranks) {
        assertArrayEquals(rankZeros, floats(rank.await("broadcast", TIMEOUT)), rank.transcript());
      }
    }
  }

  @Test
  void aRankKilledAmidAllReducesFailsTheOtherWithinTheTimeoutAndItsJvmGoesOn() throws InterruptedException {
    assumeAvailable();
    try (TcpStore store = TcpStore.serve(0)) {
      List<RankProcess> ranks = RankProcess.startAll("loop", 2, store.port(), TIMEOUT);
      try {
        for (RankProcess rank : ranks) {
          rank.await("running", START);
        }
        long kill = System.nanoTime();
        ranks.get(1).kill();
        // Seen at once where the dead peer's connection reports its end, and at the latest when the
        // all-reduce under way times out: TIMEOUT after it began, shortly before the kill.
        Duration bound = TIMEOUT.plusSeconds(2);
        String failure = ranks.get(0).await("failed", bound);
        Duration noticed = Duration.ofNanos(System.nanoTime() - kill);

        assertTrue(failure.startsWith("rank 0 of 2: allreduce failed (I/O, peer lost or timed out): "), failure);
        assertTrue(noticed.compareTo(bound) < 0, "noticed after " + noticed);
        assertEquals("collective broken by an earlier failure: " + failure.substring("rank 0 of 2: ".length()),
            ranks.get(0).await("then", TIMEOUT));
        assertEquals("normally", ranks.get(0).await("exit", TIMEOUT));
        assertEquals(0, ranks.get(0).exitValue(TIMEOUT));
      } finally {
        ranks.forEach(RankProcess::close);
      }
    }
  }

  @Test
  void aRendezvousWithoutItsPeerFailsWithTheStoresOwnExceptionCarriedThroughGloo() {
    assumeAvailable();
    try (TcpStore store = TcpStore.serve(0)) {
      long start = System.nanoTime();
      CollectiveException e = assertThrows(CollectiveException.class,
          () -> Collective.connect(0, 2, "127.0.0.1", store, Duration.ofMillis(300)));
      Duration waited = Duration.ofNanos(System.nanoTime() - start);
      assertEquals("store: timed out after 300 ms waiting for [1]", e.getMessage());
      assertTrue(waited.compareTo(TIMEOUT) < 0, "waited " + waited);
    }
  }

  @Test
  void aLibraryThatCannotLoadBecomesTheReasonAndTheJvmGoesOn(@TempDir Path folder) throws IOException {
    assumeAvailable();
    byte[] library;
    String resource = CollectiveLibrary.resource(CollectiveLibrary.platform().orElseThrow());
    try (InputStream in = Collective.class.getResourceAsStream(resource)) {
      library = in.readAllBytes();
    }
    // Needing a Gloo that is nowhere, as on a machine without libgloo0: the name in its DT_NEEDED
    // entry changed, in place, from libgloo.so.0 to libgloo.so.9.
    Path withoutGloo = Files.write(folder.resolve("without-gloo.so"), replace(library, "libgloo.so.0", "libgloo.so.9"));
    assertEquals(Optional.of("libgloo.so.9 is missing: apt-get install libgloo0"), CollectiveLibrary.load(withoutGloo));

    // Needing a function this Gloo lacks, as with a Gloo of another version: bound at load time
    // (-z now), so loading fails, where a lazy binding would end the process at the first call.
    Path otherGloo = Files.write(folder.resolve("other-gloo.so"), replace(library, "_ZN4gloo7barrier", "_ZN4gloo7barrieR"));
    String reason = CollectiveLibrary.load(otherGloo).orElseThrow();
    assertTrue(reason.startsWith("cannot load the collective library: " + otherGloo + ": ")
        && reason.contains("undefined symbol: _ZN4gloo7barrieR"), reason);
  }

  /**
   * Skips the test with the reason the library is not available, or fails it in CI on a platform
   * the build makes it for.
   */
  private static void assumeAvailable() {
    Optional<String> reason = Collective.unavailableReason();
    if (reason.isPresent() && ci() && CollectiveLibrary.platform().isPresent()) {
      fail(reason.get() + " (CI is set, so the collectives must be tested)");
    }
    Assumptions.assumeTrue(reason.isEmpty(), reason::get);
  }

  private static boolean ci() {
    String ci = System.getenv("CI");
    return ci != null && !ci.isEmpty();
  }

  private static float[] floats(String line) {
    String[] words = line.split(" ");
    float[] values = new float[words.length];
    for (int i = 0; i < words.length; i++) {
      values[i] = Float.parseFloat(words[i]);
    }
    return values;
  }

  /** {@code bytes} with every {@code text} in them replaced by {@code replacement} of the same length. */
  private static byte[] replace(byte[] bytes, String text, String replacement) {
    byte[] part = text.getBytes(StandardCharsets.US_ASCII);
    byte[] replaced = bytes.clone();
    int found = 0;
    for (int i = 0; i + part.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
        System.arraycopy(replacement.getBytes(StandardCharsets.US_ASCII), 0, replaced, i, part.length);
        found++;
      }
    }
    assertTrue(found > 0, "no " + text + " in the library");
    return replaced;
  }
}
