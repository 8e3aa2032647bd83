package org.modulardiffusion.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link SamplingBar}'s lines, on a clock that moves half a second a step. */
class SamplingBarTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final long[] now = {10_000_000_000L};

  private String run(boolean terminal, int steps) {
    return run(terminal, steps, Duration.ZERO);
  }

  private String run(boolean terminal, int steps, Duration quiet) {
    SamplingBar bar = new SamplingBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), terminal, quiet, () -> now[0]);
    for (int step = 1; step <= steps; step++) {
      bar.onStep(step, steps);
      now[0] += 500_000_000L;
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void withoutATerminalPrintsAboutEveryTenthOfTheRun() {
    String[] lines = run(false, 25).split("\n");
    // Steps 2, 4, …, 24 and 25: 13 lines.
    assertEquals(13, lines.length);
    // Step 4: 3 steps in 1.5 s after the first, 2 steps/s; 21 steps left, 10.5 s; 4/25 of 30 marks, 5.
    assertEquals("sampling [#####" + ".".repeat(25) + "] 4/25  2.0 steps/s  0:11 left", lines[1]);
    assertEquals("sampling [" + "#".repeat(30) + "] 25/25  2.0 steps/s  0:00 left", lines[12]);
  }

  @Test
  void onATerminalRedrawsInPlaceAndEndsTheLine() {
    String printed = run(true, 3);
    assertEquals("\rsampling [##########" + ".".repeat(20) + "] 1/3  ? steps/s  ? left"
        + "\rsampling [" + "#".repeat(20) + ".".repeat(10) + "] 2/3  2.0 steps/s  0:01 left"
        + "\rsampling [" + "#".repeat(30) + "] 3/3  2.0 steps/s  0:00 left\n", printed);
  }

  @Test
  void withAQuietTimeShowsOnlyOnceTheRunHasTakenLonger() {
    // Step n comes (n − 1) / 2 s after the first: from step 11 on, 5 s have passed.
    String[] lines = run(false, 25, Duration.ofSeconds(5)).split("\n");
    // Of steps 2, 4, …, 24 and 25: 12, 14, …, 24 and 25.
    assertEquals(8, lines.length);
    assertEquals("sampling [" + "#".repeat(14) + ".".repeat(16) + "] 12/25  2.0 steps/s  0:07 left", lines[0]);
  }

  @Test
  void aRunShorterThanItsQuietTimeLeavesNoTrace() {
    assertEquals("", run(true, 3, Duration.ofSeconds(5)));
  }
}
