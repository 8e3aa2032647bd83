package org.modulardiffusion.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Ticks at round numbers, as plotting libraries place them for a person reading an axis: the
 * multiples of the smallest step of 1, 2 or 5 × 10ᵏ that puts at most a given number of ticks
 * between the axis's ends. Labels are exact; a step of whole thousands (or millions, billions) is
 * labelled in them: 0, 5k, 10k.
 */
final class Ticks {
  private static final int[] MANTISSAS = {1, 2, 5};
  private static final String[] UNITS = {"", "k", "M", "G"};
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

  private Ticks() {}

  /** A tick: where it lies on the axis, and its label. */
  record Tick(double value, String label) {}

  /**
   * The ticks from {@code min} to {@code max}, ends included when they are round, at most
   * {@code most} of them; the one value when min equals max.
   *
   * @throws IllegalArgumentException when an end is not finite, min exceeds max, or most is below 2
   */
  static List<Tick> between(double min, double max, int most) {
    if (!Double.isFinite(min) || !Double.isFinite(max) || min > max || most < 2) {
      throw new IllegalArgumentException(
          "ticks need finite ends in order and room for 2, got " + min + " to " + max + ", at most " + most);
    }
    BigDecimal low = BigDecimal.valueOf(min);
    BigDecimal high = BigDecimal.valueOf(max);
    if (min == max) {
      return List.of(new Tick(min, label(low, BigDecimal.ONE)));
    }
    // Below the first step that can fit: a tenth of the span shared among the ticks.
    int exponent = (int) Math.floor(Math.log10(max / most - min / most)) - 1;
    for (;; exponent++) {
      for (int mantissa : MANTISSAS) {
        BigDecimal step = BigDecimal.valueOf(mantissa).scaleByPowerOfTen(exponent);
        BigDecimal first = low.divide(step, 0, RoundingMode.CEILING);
        BigDecimal last = high.divide(step, 0, RoundingMode.FLOOR);
        int count = last.subtract(first).intValueExact() + 1;
        if (count <= most) {
          List<Tick> ticks = new ArrayList<>();
          for (int i = 0; i < count; i++) {
            BigDecimal value = first.add(BigDecimal.valueOf(i)).multiply(step);
            ticks.add(new Tick(value.doubleValue(), label(value, step)));
          }
          return ticks;
        }
      }
    }
  }

  /** {@code value} in the largest unit of which {@code step} is a whole number: 5000 in steps of 1000 is 5k. */
  private static String label(BigDecimal value, BigDecimal step) {
    int unit = 0;
    BigDecimal size = BigDecimal.ONE;
    while (unit + 1 < UNITS.length && step.remainder(size.multiply(THOUSAND)).signum() == 0) {
      unit++;
      size = size.multiply(THOUSAND);
    }
    if (value.signum() == 0) {
      return "0";
    }
    return value.divide(size).stripTrailingZeros().toPlainString() + UNITS[unit];
  }
}
