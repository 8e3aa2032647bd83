package org.modulardiffusion.base;

import ai.djl.ndarray.NDArray;

/**
 * A value drawn from a {@link Distribution}.
 *
 * @param value the drawn value
 * @param noise the standard noise the value was made from (epsilon of a normal distribution),
 *     or {@code null} where the distribution has none
 */
public record Sample(NDArray value, NDArray noise) {}
