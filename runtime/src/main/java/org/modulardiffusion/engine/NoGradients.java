package org.modulardiffusion.engine;

import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's recording of gradients, off until closed, then as it was. The switch is per thread
 * and on by default in every thread but the one DJL's engine started in, so a model's work that
 * must not record (building parameters, optimizer updates, sampling) turns it off itself; a
 * gradient collector turns it on again inside.
 */
final class NoGradients implements AutoCloseable {
  private final boolean recording;

  NoGradients() {
    recording = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
  }

  @Override
  public void close() {
    JniUtils.setGradMode(recording);
  }
}
