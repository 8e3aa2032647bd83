package org.modulardiffusion.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * softmax(q kᵀ / sqrt(d)) v in one native operation: PyTorch's {@code
 * scaled_dot_product_attention}, which DJL does not expose, called through a TorchScript module of
 * one line that comes with the runtime ({@code attention.pt}, written by {@code
 * runtime/src/main/torchscript/attention.py}). PyTorch runs its fused kernels (flash or
 * memory-efficient attention on a GPU, flash attention on a CPU), which never hold the scores
 * [b, heads, l, l] in memory, neither forward nor for the backward pass.
 */
final class ScaledDotProductAttention {
  private ScaledDotProductAttention() {}

  /**
   * The attention of queries {@code q} on keys {@code k} and values {@code v}, each [b, heads, l,
   * d], recorded for gradients like any other operation; on the manager of {@code q}.
   */
  static NDArray apply(NDArray q, NDArray k, NDArray v) {
    return IValueUtils.forward(Module.ATTENTION, new NDList(q, k, v), true).singletonOrThrow();
  }

  /** The module, loaded once per process when attention is first computed. */
  private static final class Module {
    static final PtSymbolBlock ATTENTION = load();

    private static PtSymbolBlock load() {
      // The module has no parameters: one copy serves every device. Its manager lives as long as the process.
      PtNDManager manager = (PtNDManager) NDManager.newBaseManager(Device.cpu(), "PyTorch");
      try (InputStream in = ScaledDotProductAttention.class.getResourceAsStream("attention.pt")) {
        return JniUtils.loadModule(manager, in, false, false);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the runtime's attention module", e);
      }
    }
  }
}
