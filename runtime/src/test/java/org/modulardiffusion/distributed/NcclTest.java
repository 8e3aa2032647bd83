package org.modulardiffusion.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * NCCL's sums, as far as a machine without a GPU can check them: the host's waits on the GPU's
 * work and on the communicator's set-up, the layout of the job's id, and the reason NCCL gives
 * where it cannot run.
 */
class NcclTest {

  @Test
  void aJobsIdIsTheHundredAndTwentyEightBytesOfNcclH() {
    assertEquals(128, new Nccl.UniqueId().size());
    assertEquals(128, new Nccl.UniqueId.ByValue().size());
  }

  @Test
  void withoutAnNvidiaDriverNcclIsUnavailableSayingSo() {
    assumeFalse(Stream.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib")
        .anyMatch(folder -> Files.exists(Path.of(folder, "libcuda.so.1"))), "this machine has an NVIDIA driver");
    assertEquals(Optional.of("no NVIDIA driver (libcuda.so.1) loads here"), Nccl.unavailableReason());
    assertEquals(Optional.empty(), Nccl.version());
  }

  @Test
  void aSumThatFinishesReturns() {
    FakeStream stream = new FakeStream(3, null);
    NcclWait.stream(stream, Duration.ofSeconds(10));
    assertEquals(3, stream.polls);
    assertEquals(List.of(), stream.aborts);
  }

  @Test
  void aSumThatNeverFinishesIsAbortedAtTheTimeout() {
    FakeStream stream = new FakeStream(Integer.MAX_VALUE, null);
    long start = System.nanoTime();
    CollectiveException e =
        assertThrows(CollectiveException.class, () -> NcclWait.stream(stream, Duration.ofMillis(300)));
    long waited = (System.nanoTime() - start) / 1_000_000;
    assertEquals("NCCL: the sum did not finish within 300 ms", e.getMessage());
    assertTrue(waited >= 300 && waited < 5_000, waited + " ms");
    assertEquals(List.of("aborted"), stream.aborts);
  }

  @Test
  void theCommunicatorsOwnErrorAbortsItAtOnce() {
    FakeStream stream = new FakeStream(Integer.MAX_VALUE, "remote process exited or there was a network error");
    CollectiveException e =
        assertThrows(CollectiveException.class, () -> NcclWait.stream(stream, Duration.ofSeconds(60)));
    assertEquals("NCCL: remote process exited or there was a network error", e.getMessage());
    assertEquals(1, stream.polls);
    assertEquals(List.of("aborted"), stream.aborts);
  }

  @Test
  void aSetUpThatAnswersReturnsItsAnswerFromItsOwnThread() {
    String caller = Thread.currentThread().getName();
    assertEquals("nccl-set-up", NcclWait.setUp(() -> Thread.currentThread().getName(), Duration.ofSeconds(10)));
    assertEquals(caller, Thread.currentThread().getName());
  }

  @Test
  void aSetUpThatNeverAnswersIsLeftAtTheTimeout() {
    CountDownLatch never = new CountDownLatch(1);
    long start = System.nanoTime();
    CollectiveException e = assertThrows(CollectiveException.class, () -> NcclWait.setUp(() -> {
      try {
        never.await();
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
      return "joined";
    }, Duration.ofMillis(300)));
    long waited = (System.nanoTime() - start) / 1_000_000;
    assertEquals("NCCL: the communicator was not set up within 300 ms: not every worker joined", e.getMessage());
    assertTrue(waited >= 300 && waited < 5_000, waited + " ms");
    never.countDown();
  }

  @Test
  void aSetUpsOwnFailureComesThroughAsItWas() {
    CollectiveException refused = new CollectiveException("NCCL: ncclCommInitRank failed: invalid argument");
    assertSame(refused, assertThrows(CollectiveException.class, () -> NcclWait.setUp(() -> {
      throw refused;
    }, Duration.ofSeconds(10))));
  }

  /** A stream whose work finishes at the given poll, and whose communicator reports the given error. */
  private static final class FakeStream implements NcclWait.Stream {
    private final int finishesAt;
    private final String error;
    private final List<String> aborts = new ArrayList<>();
    private int polls;

    FakeStream(int finishesAt, String error) {
      this.finishesAt = finishesAt;
      this.error = error;
    }

    @Override
    public boolean done() {
      return ++polls >= finishesAt;
    }

    @Override
    public String error() {
      return error;
    }

    @Override
    public void abort() {
      aborts.add("aborted");
    }
  }
}
