package org.modulardiffusion.base;

import ai.djl.ndarray.NDArray;

/** A distribution type for the rules that read types alone: nothing of it is ever computed. */
public final class Bell implements Distribution<Bell> {
  @Override
  public Sample sample() {
    throw new UnsupportedOperationException();
  }

  @Override
  public NDArray nll(NDArray x) {
    throw new UnsupportedOperationException();
  }

  @Override
  public NDArray dkl(Bell other) {
    throw new UnsupportedOperationException();
  }
}
