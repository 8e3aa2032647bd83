package org.modulardiffusion.schedule;

import static org.modulardiffusion.Reference.assertMatches;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.modulardiffusion.base.Schedule;

/** Every schedule against the values the Python library computed. */
class ScheduleTest {
  private final NDManager manager = NDManager.newBaseManager();

  @AfterEach
  void close() {
    manager.close();
  }

  private void check(String name, Schedule schedule) {
    assertMatches("schedule/" + name, schedule.compute(manager));
  }

  @Test
  void constant() {
    check("Constant(10, 0.9)", new Constant(10, 0.9f));
  }

  @Test
  void linear() {
    check("Linear(10, 0.9999, 0.98)", new Linear(10, 0.9999f, 0.98f));
  }

  @Test
  void cosine() {
    check("Cosine(10)", new Cosine(10));
  }

  @Test
  void cosineWithOffsetAndExponent() {
    check("Cosine(10, offset=0.02, exponent=1.5)", new Cosine(10, 0.02f, 1.5f));
  }

  @Test
  void sqrt() {
    check("Sqrt(10)", new Sqrt(10));
  }

  @Test
  void sqrtWithOffset() {
    check("Sqrt(10, offset=0.02)", new Sqrt(10, 0.02f));
  }
}
