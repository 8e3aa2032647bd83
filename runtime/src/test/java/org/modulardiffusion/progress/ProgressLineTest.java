package org.modulardiffusion.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What every progress bar prints of the time left. */
class ProgressLineTest {

  @Test
  void formatsDurations() {
    assertEquals("0:07", ProgressLine.duration(7.2));
    assertEquals("2:05", ProgressLine.duration(125));
    assertEquals("1:01:01", ProgressLine.duration(3661));
  }
}
