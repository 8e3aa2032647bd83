package org.modulardiffusion.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingLossesTest {
  /** The fake clock's time in nanoseconds. */
  private long now;

  @Test
  void readsTheLossesOfTheirStepsInOrderAndClosesThem() {
    try (NDManager manager = NDManager.newBaseManager();
        PendingLosses<String> pending = new PendingLosses<>(() -> now)) {
      NDArray first = manager.create(1.5f);
      NDArray second = manager.create(-2f);
      NDArray third = manager.create(3.25f);
      pending.add("a", first);
      pending.add("b", second);
      pending.add("c", third);
      assertEquals("a", pending.first());
      assertEquals("c", pending.last());

      assertEquals(
          List.of(new PendingLosses.Loss<>("a", 1.5f), new PendingLosses.Loss<>("b", -2f),
              new PendingLosses.Loss<>("c", 3.25f)),
          pending.read());
      assertTrue(first.isReleased() && second.isReleased() && third.isReleased());
      assertTrue(pending.isEmpty());
    }
  }

  @Test
  void readsALossAlone() {
    try (NDManager manager = NDManager.newBaseManager();
        PendingLosses<Integer> pending = new PendingLosses<>(() -> now)) {
      NDArray loss = manager.create(0.125f);
      pending.add(7, loss);
      assertEquals(List.of(new PendingLosses.Loss<>(7, 0.125f)), pending.read());
      assertTrue(loss.isReleased());
    }
  }

  @Test
  void isDueOnceTheOldestLossHasWaitedAQuarterSecond() {
    try (NDManager manager = NDManager.newBaseManager();
        PendingLosses<Integer> pending = new PendingLosses<>(() -> now)) {
      assertFalse(pending.due(), "nothing waits");
      now = 1_000_000_000L;
      pending.add(1, manager.create(1f));
      now += 200_000_000L;
      pending.add(2, manager.create(2f));
      now += 49_999_999L;
      assertFalse(pending.due(), "the first has waited 249.999999 ms");
      now += 1;
      assertTrue(pending.due());

      pending.read();
      pending.add(3, manager.create(3f));
      assertFalse(pending.due(), "the clock starts again with the next loss");
    }
  }

  @Test
  void isDueOnceEnoughLossesWait() {
    try (NDManager manager = NDManager.newBaseManager();
        PendingLosses<Integer> pending = new PendingLosses<>(() -> now)) {
      for (int step = 1; step < 1024; step++) {
        pending.add(step, manager.create((float) step));
      }
      assertFalse(pending.due(), "1,023 losses wait");
      pending.add(1024, manager.create(1024f));
      assertTrue(pending.due());
      List<PendingLosses.Loss<Integer>> read = pending.read();
      assertEquals(1024, read.size());
      assertEquals(new PendingLosses.Loss<>(1000, 1000f), read.get(999));
    }
  }

  @Test
  void closingReleasesTheLossesUnread() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray loss = manager.create(1f);
      PendingLosses<Integer> pending = new PendingLosses<>(() -> now);
      pending.add(1, loss);
      pending.close();
      assertTrue(loss.isReleased());
      assertTrue(pending.isEmpty());
    }
  }
}
