package org.modulardiffusion.device;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import java.util.Locale;

/**
 * A failure of PyTorch in the middle of a model's work, told in our words: out of memory, with
 * what to change, or what failed and PyTorch's reason in one line. Only its cause keeps
 * PyTorch's exception.
 */
public final class EngineFailure {
  private EngineFailure() {}

  /**
   * Whether PyTorch failed for want of memory: its CPU allocator ("can't allocate memory"), its
   * CUDA allocator ("CUDA out of memory. Tried to allocate …"), a CUDA call ("out of memory") or
   * cuBLAS ({@code CUBLAS_STATUS_ALLOC_FAILED}).
   *
   * @param e PyTorch's failure
   * @return whether memory ran out
   */
  public static boolean outOfMemory(EngineException e) {
    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    return message.contains("allocate") || message.contains("out of memory") || message.contains("alloc_failed");
  }

  /**
   * {@code work} (say "training step 3 of epoch 2") failed on {@code manager}'s device: for want
   * of memory, followed by {@code remedy}; otherwise with PyTorch's reason.
   *
   * @param work the work that failed, for the message
   * @param manager the manager the work ran on
   * @param e PyTorch's failure, the cause of the returned exception
   * @param remedy what to change when memory ran out, a sentence's end
   * @return the exception to throw
   */
  public static IllegalStateException of(String work, NDManager manager, EngineException e, String remedy) {
    String message =
        outOfMemory(e)
            ? work + " ran out of memory on " + manager.getDevice() + "; " + remedy
            : work + " failed in PyTorch on " + manager.getDevice() + ": " + firstLine(e.getMessage());
    return new IllegalStateException(message, e);
  }

  private static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "no reason given";
    }
    return message.strip().lines().findFirst().orElse("");
  }
}
