package org.modulardiffusion.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The zero-terminal-SNR rescaling (Lin et al. 2024, Algorithm 1) against hand calculations. */
class ZeroTerminalTest {
  private final NDManager manager = NDManager.newBaseManager();

  @AfterEach
  void close() {
    manager.close();
  }

  /**
   * Constant(2, 0.64): delta = 0.64, 0.4096, 0.262144, so √delta = 0.8, 0.64, 0.512. Rescaled,
   * s' = (s − 0.512)·0.8/(0.8 − 0.512) = 0.8, 0.128·0.8/0.288 = 16/45, 0; so alpha' = 0.64,
   * (16/45)²/0.8² = 16/81, and 0.
   */
  @Test
  void rescalesTheSignalToZeroAtTKeepingItAtZero() {
    float[] alpha = new ZeroTerminal(new Constant(2, 0.64f)).compute(manager).toFloatArray();
    assertEquals(3, alpha.length);
    assertEquals(0.64f, alpha[0], 1e-6f);
    assertEquals(16 / 81f, alpha[1], 1e-6f);
    assertEquals(0f, alpha[2]);
  }

  /** Linear(3, 0.9, 0.6): delta = 0.9, 0.72, 0.504, 0.3024; √delta_0 stays, √delta_3 becomes 0. */
  @Test
  void anyScheduleEndsWithoutSignalAndStartsWhereItDid() {
    float[] alpha = new ZeroTerminal(new Linear(3, 0.9f, 0.6f)).compute(manager).toFloatArray();
    double first = Math.sqrt(0.9);
    double last = Math.sqrt(0.3024);
    double[] expected = new double[4];
    double previous = 1;
    double[] delta = {0.9, 0.72, 0.504, 0.3024};
    for (int t = 0; t < 4; t++) {
      double s = (Math.sqrt(delta[t]) - last) * first / (first - last);
      expected[t] = s * s / (previous * previous);
      previous = s;
    }
    for (int t = 0; t < 4; t++) {
      assertEquals(expected[t], alpha[t], 1e-6, "alpha " + t);
    }
    assertEquals(0.9, expected[0], 1e-12);
    assertEquals(0, expected[3]);
    assertEquals(3, new ZeroTerminal(new Linear(3, 0.9f, 0.6f)).steps());
  }

  @Test
  void aScheduleWhoseSignalNeverFallsCannotBeRescaled() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ZeroTerminal(new Constant(4, 1)).compute(manager));
    assertEquals("schedule: cannot rescale Constant(4, 1.0) to zero terminal SNR: its signal does not fall from"
        + " t = 0 to T (√delta 1.0 to 1.0)", e.getMessage());
  }
}
