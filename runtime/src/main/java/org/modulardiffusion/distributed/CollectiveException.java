package org.modulardiffusion.distributed;

/**
 * A collective operation, or the rendezvous before it, failed: a peer died or stalled past the
 * timeout, a connection broke, the store could not be reached, or the collective library is not
 * available here. The group is unusable after it; the process should stop training (or restart
 * the group).
 */
public class CollectiveException extends RuntimeException {
  /**
   * A failure that {@code message} describes.
   *
   * @param message what failed, and why
   */
  public CollectiveException(String message) {
    super(message);
  }

  /**
   * A failure that {@code message} describes, caused by {@code cause}.
   *
   * @param message what failed, and why
   * @param cause the exception that caused it
   */
  public CollectiveException(String message, Throwable cause) {
    super(message, cause);
  }
}
