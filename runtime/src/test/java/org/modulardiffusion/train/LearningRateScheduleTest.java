package org.modulardiffusion.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.modulardiffusion.train.LearningRateSchedule.Decay;

class LearningRateScheduleTest {

  @Test
  void warmsUpLinearlyFromZeroToThePeak() {
    LearningRateSchedule schedule = new LearningRateSchedule(2e-4, 4, Decay.CONSTANT, 0, 1);
    assertEquals(0.5e-4, schedule.at(1), 1e-12);
    assertEquals(1.5e-4, schedule.at(3), 1e-12);
    assertEquals(2e-4, schedule.at(4), 1e-12);
    assertEquals(2e-4, schedule.at(1_000_000), 1e-12);
  }

  @Test
  void decaysAlongHalfACosineToTheFloorAndStaysThere() {
    // Warmup 10, decay over steps 10..110 to 0.1 × peak: halfway (step 60) 0.1 + 0.9 × ½ = 0.55.
    LearningRateSchedule schedule = new LearningRateSchedule(1, 10, Decay.COSINE, 110, 0.1);
    assertEquals(1, schedule.at(10), 1e-12);
    assertEquals(0.1 + 0.9 * (1 + Math.cos(Math.PI * 0.25)) / 2, schedule.at(35), 1e-12);
    assertEquals(0.55, schedule.at(60), 1e-12);
    assertEquals(0.1, schedule.at(110), 1e-12);
    assertEquals(0.1, schedule.at(500), 1e-12);
  }

  @Test
  void decaysAlongALine() {
    LearningRateSchedule schedule = new LearningRateSchedule(1, 0, Decay.LINEAR, 100, 0);
    assertEquals(0.99, schedule.at(1), 1e-12);
    assertEquals(0.25, schedule.at(75), 1e-12);
    assertEquals(0, schedule.at(100), 1e-12);
  }

  @Test
  void aDecayThatEndsWithTheWarmupDropsToTheFloor() {
    LearningRateSchedule schedule = new LearningRateSchedule(1, 5, Decay.LINEAR, 5, 0.2);
    assertEquals(1, schedule.at(5), 1e-12);
    assertEquals(0.2, schedule.at(6), 1e-12);
  }

  @Test
  void refusesWhatHasNoMeaning() {
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant(Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(1, -1, Decay.CONSTANT, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(1, 10, Decay.COSINE, 5, 0));
    assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(1, 0, Decay.COSINE, 5, 1.5));
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant(1).at(0));
  }
}
