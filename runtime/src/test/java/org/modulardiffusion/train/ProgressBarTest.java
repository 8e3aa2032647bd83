package org.modulardiffusion.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The progress bar's two faces: in place on a terminal, plain lines elsewhere. */
class ProgressBarTest {

  @Test
  void withoutATerminalPrintsAboutEveryTenthOfAnEpoch() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 2);
    for (int step = 1; step <= 25; step++) {
      bar.onStep(null, new TrainingListener.Step(1, step, 25, 0.5f, 1e-3));
    }
    bar.onEpoch(null, 1, 0.5f);
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    // Steps 2, 4, …, 24 and 25: 13 lines, then the epoch's.
    assertEquals(14, lines.length);
    assertTrue(lines[0].startsWith("epoch 1/2 [##......"), lines[0]);
    assertTrue(lines[0].contains(" 2/25  loss 5.000e-01  lr 1.00e-03"), lines[0]);
    assertEquals("epoch 1 done: mean loss 5.0000e-01", lines[13]);
  }

  @Test
  void theRateCountsTheStepsAfterTheFirst() {
    // Step 1 reported at 10 s (after a warm-up), step 2 at 10.5 s, step 3 at 11 s: 2 steps/s.
    long[] now = {10_000_000_000L};
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 2, () -> now[0]);
    bar.onStep(null, new TrainingListener.Step(1, 1, 10, 0.5f, 1e-3));
    now[0] += 500_000_000L;
    bar.onStep(null, new TrainingListener.Step(1, 2, 10, 0.5f, 1e-3));
    now[0] += 500_000_000L;
    bar.onStep(null, new TrainingListener.Step(1, 3, 10, 0.5f, 1e-3));
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    // A tenth of 10 steps is one: a line for every step.
    assertEquals(3, lines.length);
    assertTrue(lines[0].endsWith("loss 5.000e-01  lr 1.00e-03  ? steps/s  ? left"), lines[0]);
    // After step 2: 1 step in 0.5 s; 18 steps left (8 of epoch 1, 10 of epoch 2): 9 s.
    assertTrue(lines[1].endsWith("2.0 steps/s  0:09 left"), lines[1]);
    // After step 3: 2 steps in 1 s; 17 steps left: 8.5 s, shown as 0:09 (rounded).
    assertTrue(lines[2].endsWith("2.0 steps/s  0:09 left"), lines[2]);
  }

  @Test
  void onATerminalRedrawsInPlace() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, 1);
    bar.onStep(null, new TrainingListener.Step(1, 1, 2, 1f, 1e-3));
    bar.onStep(null, new TrainingListener.Step(1, 2, 2, 1f, 1e-3));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(2, out.chars().filter(c -> c == '\r').count());
    assertEquals(-1, out.indexOf('\n'), "no new line until the epoch ends");
    String last = out.substring(out.lastIndexOf('\r') + 1);
    assertTrue(last.startsWith("epoch 1/1 [" + "#".repeat(30) + "] 2/2  loss 1.000e+00  lr 1.00e-03"), last);
    assertTrue(last.endsWith("0:00 left"), last);
  }
}
