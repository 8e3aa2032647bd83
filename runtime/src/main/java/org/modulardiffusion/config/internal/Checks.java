package org.modulardiffusion.config.internal;

import java.util.List;
import java.util.Locale;

/**
 * The checks that a module parameter's {@code @Param} states — a range for a number, a choice for
 * a string or an enum — in one wording: the generated {@code Foo_Parameters} applies them to a
 * constructor's arguments, naming the parameter, and {@code ConfigNode} to a config's values,
 * naming the path. A range holds finite numbers only: NaN lies in none, and an infinite bound
 * leaves that side open without letting infinity in.
 */
public final class Checks {
  private Checks() {}

  /**
   * Checks the argument {@code name} against its range.
   *
   * @param name the argument's name, for the error
   * @param value the argument
   * @param min the lowest value allowed, or −∞
   * @param max the highest value allowed, or +∞
   * @throws IllegalArgumentException such as {@code steps: expected a finite value in [1, inf], got 0}
   */
  public static void inRange(String name, double value, double min, double max) {
    if (!contains(min, max, value)) {
      throw new IllegalArgumentException(name + ": " + outOfRange(min, max, number(value)));
    }
  }

  /**
   * Checks the argument {@code name} against the strings it may be.
   *
   * @param name the argument's name, for the error
   * @param value the argument, or {@code null}
   * @param allowed the strings allowed
   * @throws IllegalArgumentException such as {@code figure: expected one of [moons, rings], got "disc"}
   */
  public static void oneOf(String name, String value, List<String> allowed) {
    if (!allowed.contains(value)) {
      throw new IllegalArgumentException(name + ": " + notOneOf(allowed, value == null ? "null" : "\"" + value + "\""));
    }
  }

  /**
   * Checks the argument {@code name} against the enum constants it may be, written in lower case.
   *
   * @param name the argument's name, for the error
   * @param value the argument, or {@code null}
   * @param allowed the constants' names allowed, in lower case
   * @throws IllegalArgumentException such as {@code variance: expected one of [fixed], got "learned"}
   */
  public static void oneOf(String name, Enum<?> value, List<String> allowed) {
    oneOf(name, value == null ? null : value.name().toLowerCase(Locale.ROOT), allowed);
  }

  /**
   * Whether {@code value} is finite and lies in [min, max].
   *
   * @param min the lowest value allowed, or −∞
   * @param max the highest value allowed, or +∞
   * @param value the value
   * @return whether it lies in range
   */
  public static boolean contains(double min, double max, double value) {
    return Double.isFinite(value) && value >= min && value <= max;
  }

  /**
   * The complaint about a value out of [min, max]: {@code expected a finite value in [0, 1], got 1.5}.
   *
   * @param min the lowest value allowed, or −∞
   * @param max the highest value allowed, or +∞
   * @param got the value, as the message writes it
   * @return the complaint
   */
  public static String outOfRange(double min, double max, Object got) {
    return "expected a finite value in " + range(min, max) + ", got " + got;
  }

  /**
   * The complaint about a value not among {@code allowed}: {@code expected one of [x, mu], got "eps"}.
   *
   * @param allowed the values allowed
   * @param got the value, as the message writes it
   * @return the complaint
   */
  public static String notOneOf(List<String> allowed, String got) {
    return "expected one of " + allowed + ", got " + got;
  }

  /**
   * A range as a config's reader sees it: {@code [1, inf]}, {@code [0, 0.5]}.
   *
   * @param min the lower bound, or −∞
   * @param max the upper bound, or +∞
   * @return the range, as text
   */
  public static String range(double min, double max) {
    return "[" + (min == Double.NEGATIVE_INFINITY ? "-inf" : number(min)) + ", "
        + (max == Double.POSITIVE_INFINITY ? "inf" : number(max)) + "]";
  }

  /** A number as a config writes it: whole numbers without a fraction, {@code 1} rather than {@code 1.0}. */
  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }
}
