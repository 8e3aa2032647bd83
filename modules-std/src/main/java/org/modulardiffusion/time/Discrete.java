package org.modulardiffusion.time;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.modulardiffusion.annotation.TimeModule;
import org.modulardiffusion.base.Time;

/** Draws time steps uniformly from 1..T. */
@TimeModule
public final class Discrete extends Time {

  @Override
  public NDArray sample(NDManager manager, int steps, int size) {
    return manager.randomInteger(1, steps + 1, new Shape(size), DataType.INT64);
  }

  @Override
  public String toString() {
    return "Discrete";
  }
}
