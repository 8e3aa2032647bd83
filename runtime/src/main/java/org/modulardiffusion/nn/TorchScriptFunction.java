package org.modulardiffusion.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A PyTorch operation that DJL does not expose (fused attention, group norm, SiLU), called as one
 * native operation: through a TorchScript module whose {@code forward} returns one call of it.
 * Autograd records the call like any other operation, with PyTorch's own backward.
 *
 * <p>A TorchScript archive holds its code as text, which the loading libtorch compiles, so the
 * module is written here, in memory, and loaded once per process for each call. Its graph is that
 * one call and at most views of its arguments, so TorchScript's executor has nothing to fuse or
 * differentiate symbolically.
 */
final class TorchScriptFunction {
  /** The loaded modules by their code: one per distinct call, shared by every block that makes it. */
  private static final Map<String, PtSymbolBlock> MODULES = new ConcurrentHashMap<>();

  private final String code;

  private TorchScriptFunction(String code) {
    this.code = code;
  }

  /**
   * The function of tensors named {@code parameters} that returns {@code call}, a call of one
   * TorchScript builtin such as {@code torch.silu(x)}, whose arguments may be views of the
   * parameters, such as {@code gamma.flatten()}; numbers in it are constants.
   */
  static TorchScriptFunction of(String call, String... parameters) {
    StringBuilder code = new StringBuilder()
        .append("class Function(Module):\n")
        .append("  __parameters__ = []\n")
        .append("  __buffers__ = []\n")
        .append("  training : bool\n")
        .append("  def forward(self: __torch__.Function");
    for (String parameter : parameters) {
      code.append(", ").append(parameter).append(": Tensor");
    }
    code.append(") -> Tensor:\n").append("    return ").append(call).append('\n');
    return new TorchScriptFunction(code.toString());
  }

  /** The function of {@code arguments}, on the manager of the first. */
  NDArray apply(NDArray... arguments) {
    PtSymbolBlock module = MODULES.computeIfAbsent(code, TorchScriptFunction::load);
    return IValueUtils.forward(module, new NDList(arguments), true).singletonOrThrow();
  }

  private static PtSymbolBlock load(String code) {
    // The module has no parameters: one copy serves every device. Its manager lives as long as the process.
    PtNDManager manager = (PtNDManager) NDManager.newBaseManager(Device.cpu(), "PyTorch");
    try (InputStream in = new ByteArrayInputStream(archive(code))) {
      return JniUtils.loadModule(manager, in, false, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The TorchScript archive of a module of {@code code}: the code, the module object pickled
   * (class {@code __torch__.Function}, {@code training = True}), no constants, format version 3.
   */
  private static byte[] archive(String code) throws IOException {
    ByteArrayOutputStream pickle = new ByteArrayOutputStream();
    pickle.write(new byte[] {(byte) 0x80, 2}); // protocol 2
    pickle.write("c__torch__\nFunction\n".getBytes(StandardCharsets.US_ASCII)); // the class
    pickle.write(new byte[] {')', (byte) 0x81, '}', '('}); // an object of it, then its state: a dict
    pickle.write(new byte[] {'X', 8, 0, 0, 0});
    pickle.write("training".getBytes(StandardCharsets.US_ASCII));
    pickle.write(new byte[] {(byte) 0x88, 'u', 'b', '.'}); // True; set, build, stop
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      stored(zip, "function/data.pkl", pickle.toByteArray());
      stored(zip, "function/code/__torch__.py", code.getBytes(StandardCharsets.UTF_8));
      stored(zip, "function/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
      stored(zip, "function/version", "3\n".getBytes(StandardCharsets.US_ASCII));
    }
    return bytes.toByteArray();
  }

  private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(data.length);
    CRC32 crc = new CRC32();
    crc.update(data);
    entry.setCrc(crc.getValue());
    zip.putNextEntry(entry);
    zip.write(data);
    zip.closeEntry();
  }
}
