package org.modulardiffusion.config.internal;

import java.util.List;

/** Unboxes bound lists into the primitive arrays that module constructors take; for generated binders. */
public final class Primitives {
  private Primitives() {}

  /**
   * {@code values} unboxed into boolean[].
   *
   * @param values the bound values, none {@code null}
   * @return a new array, in the list's order
   */
  public static boolean[] booleans(List<Boolean> values) {
    boolean[] array = new boolean[values.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = values.get(i);
    }
    return array;
  }

  /**
   * {@code values} unboxed into char[].
   *
   * @param values the bound values, none {@code null}
   * @return a new array, in the list's order
   */
  public static char[] chars(List<Character> values) {
    char[] array = new char[values.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = values.get(i);
    }
    return array;
  }

  /**
   * {@code values} unboxed into byte[].
   *
   * @param values the bound values, none {@code null}
   * @return a new array, in the list's order
   */
  public static byte[] bytes(List<Byte> values) {
    byte[] array = new byte[values.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = values.get(i);
    }
    return array;
  }

  /**
   * {@code values} unboxed into short[].
   *
   * @param values the bound values, none {@code null}
   * @return a new array, in the list's order
   */
  public static short[] shorts(List<Short> values) {
    short[] array = new short[values.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = values.get(i);
    }
    return array;
  }

  /**
   * {@code values} unboxed into int[].
   *
   * @param values the bound values, none {@code null}
   * @return a new array, in the list's order
   */
  public static int[] ints(List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * {@code values} unboxed into long[].
   *
   * @param values the bound values, none {@code null}
   * @return a new array, in the list's order
   */
  public static long[] longs(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).toArray();
  }

  /**
   * {@code values} unboxed into float[].
   *
   * @param values the bound values, none {@code null}
   * @return a new array, in the list's order
   */
  public static float[] floats(List<Float> values) {
    float[] array = new float[values.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = values.get(i);
    }
    return array;
  }

  /**
   * {@code values} unboxed into double[].
   *
   * @param values the bound values, none {@code null}
   * @return a new array, in the list's order
   */
  public static double[] doubles(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
