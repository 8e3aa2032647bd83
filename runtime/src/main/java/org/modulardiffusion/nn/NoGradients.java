package org.modulardiffusion.nn;

import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's recording of gradients, off until closed, then as it was. The switch is per thread
 * and on by default in every thread but the one DJL's engine started in, so a model's work that
 * must not record (building parameters, optimizer updates, sampling) turns it off itself; a
 * gradient collector turns it on again inside.
 */
public final class NoGradients implements AutoCloseable {
  private final boolean recording;

  /** Turns the recording off on this thread. */
  public NoGradients() {
    recording = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
  }

  @Override
  public void close() {
    JniUtils.setGradMode(recording);
  }
}
