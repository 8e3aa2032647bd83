package org.modulardiffusion.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.modulardiffusion.report.Ticks.Tick;

/** Ticks at round numbers: each list worked out by hand from the 1, 2, 5 × 10ᵏ steps. */
class TicksTest {

  @Test
  void twelveHundredStepsAreTickedEveryTwoHundred() {
    // Steps of 100 would give 13 ticks, more than 7; steps of 200 give 7.
    assertEquals(List.of(0.0, 200.0, 400.0, 600.0, 800.0, 1000.0, 1200.0), values(Ticks.between(0, 1200, 7)));
    assertEquals(List.of("0", "200", "400", "600", "800", "1000", "1200"), labels(Ticks.between(0, 1200, 7)));
  }

  @Test
  void theEndsNeedNotBeRound() {
    // 81 steps an epoch for 10 epochs: 0 to 810, in steps of 100 (9 ticks); 810 itself is no tick.
    assertEquals(List.of(0.0, 100.0, 200.0, 300.0, 400.0, 500.0, 600.0, 700.0, 800.0), values(Ticks.between(0, 810, 9)));
    // 500 to 3,000 in steps of 500: 6 ticks.
    assertEquals(List.of("500", "1000", "1500", "2000", "2500", "3000"), labels(Ticks.between(500, 3000, 6)));
  }

  @Test
  void stepsOfWholeThousandsAreLabelledInThem() {
    // Steps of 1,000 give 21 ticks and of 2,000 give 11, more than 9; steps of 5,000 give 5.
    assertEquals(List.of(0.0, 5000.0, 10000.0, 15000.0, 20000.0), values(Ticks.between(0, 20000, 9)));
    assertEquals(List.of("0", "5k", "10k", "15k", "20k"), labels(Ticks.between(0, 20000, 9)));
    // 1 to 3,000,000 with at most 5: steps of 500,000 give 6, of 1,000,000 give 3.
    assertEquals(List.of("1M", "2M", "3M"), labels(Ticks.between(1, 3_000_000, 5)));
  }

  @Test
  void fractionsAndNegativeValuesAreLabelledExactly() {
    // -1 to 1 with at most 5: steps of 0.5.
    assertEquals(List.of("-1", "-0.5", "0", "0.5", "1"), labels(Ticks.between(-1, 1, 5)));
    // 0.3 to 1.1 with at most 5: steps of 0.1 give 9 ticks, of 0.2 give 0.4, 0.6, 0.8 and 1.
    assertEquals(List.of(0.4, 0.6, 0.8, 1.0), values(Ticks.between(0.3, 1.1, 5)));
    assertEquals(List.of("0.4", "0.6", "0.8", "1"), labels(Ticks.between(0.3, 1.1, 5)));
  }

  @Test
  void anAxisOfOneValueHasOneTick() {
    assertEquals(List.of("5"), labels(Ticks.between(5, 5, 9)));
  }

  @Test
  void endsOutOfOrderAreRefused() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Ticks.between(2, 1, 9));
    assertEquals("ticks need finite ends in order and room for 2, got 2.0 to 1.0, at most 9", error.getMessage());
  }

  private static List<Double> values(List<Tick> ticks) {
    return ticks.stream().map(Tick::value).toList();
  }

  private static List<String> labels(List<Tick> ticks) {
    return ticks.stream().map(Tick::label).toList();
  }
}
