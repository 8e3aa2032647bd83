package org.modulardiffusion.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The facts of {@link EngineReport} on the CPU libtorch the tests run on, against their own sources. */
class EngineReportTest {

  @Test
  void reportsTheCpuLibtorchOfTheNativesJar() {
    EngineReport report = EngineReport.probe();
    assertEquals(System.getProperty("java.version"), report.javaVersion());
    assertEquals(System.getProperty("java.vendor"), report.javaVendor());
    assertEquals(System.getProperty("modulardiffusion.djl"), report.djlVersion());
    assertEquals(System.getProperty("modulardiffusion.pytorch"), report.jniPytorch());
    assertTrue(report.offline()); // the build's surefire setting
    assertNull(report.loadError());

    EngineReport.Loaded engine = report.engine();
    assertNotNull(engine);
    assertEquals("PyTorch", engine.name());
    assertTrue(engine.libtorchVersion().startsWith(System.getProperty("modulardiffusion.pytorch")), engine.libtorchVersion());
    assertEquals("cpu", engine.libtorchFlavor());
    assertEquals("the natives jar pytorch-native-cpu-" + System.getProperty("modulardiffusion.pytorch") + "-linux-x86_64.jar",
        engine.libtorchSource());
    assertEquals(0, engine.gpuCount()); // a CPU libtorch sees none, GPU or not
    assertEquals(Integer.parseInt(System.getProperty("ai.djl.pytorch.num_threads")), engine.intraOpThreads());
    assertTrue(engine.interOpThreads() >= 1);
    assertTrue(engine.libtorchDir().startsWith(report.engineCacheDir().resolve("pytorch")), engine.libtorchDir().toString());
  }

  /**
   * DJL's rule: a variable (the environment's, else a system property) moves the cache unless it
   * is empty, as a shell line such as {@code export A=$(mktemp -d) B=$A} leaves {@code B}; with
   * neither, the cache is {@code .djl.ai} in the home folder, or in the temporary one when the
   * home folder cannot be written.
   */
  @Test
  void theCacheIsDjlsDefaultUnlessAVariableMovesIt() {
    String engineCache = setting("ENGINE_CACHE_DIR");
    String djlCache = setting("DJL_CACHE_DIR");
    Path home = Path.of(System.getProperty("user.home"));
    Path expected = !engineCache.isEmpty() ? Path.of(engineCache)
        : !djlCache.isEmpty() ? Path.of(djlCache)
        : (Files.isWritable(home) ? home : Path.of(System.getProperty("java.io.tmpdir"))).resolve(".djl.ai");
    assertEquals(expected.toAbsolutePath(), EngineReport.probe().engineCacheDir().toAbsolutePath());
  }

  /** The environment's variable {@code name}, else the system property, else empty. */
  private static String setting(String name) {
    String value = System.getenv(name);
    return value != null ? value : System.getProperty(name, "");
  }

  @Test
  void aMachineWithoutADriverReportsNone() {
    assumeFalse(GpuAdvice.nvidiaDriver(), "this machine has an NVIDIA driver");
    assertNull(EngineReport.probe().driverCuda());
  }

  @Test
  void aBuildsCudaVersionIsReadFromItsFlavor() {
    assertEquals("13.0", new EngineReport.Loaded("PyTorch", "2.11.0", Path.of("/t"), "2.11.0", "cu130", "x", 1, 1, 1)
        .cudaVersion());
    assertEquals("12.8", new EngineReport.Loaded("PyTorch", "2.7.1", Path.of("/t"), "2.7.1", "cu128-precxx11", "x", 1, 1, 1)
        .cudaVersion());
  }

  @Test
  void cudaVersionNumbersReadAsPeopleWriteThem() {
    assertEquals("12.6", EngineReport.cudaVersion(12060));
    assertEquals("12.8", EngineReport.cudaVersion(12080));
    assertEquals("11.8", EngineReport.cudaVersion(11080));
    assertEquals("13.0", EngineReport.cudaVersion(13000));
  }

  @Test
  void aFailureNamesItsRootCause() {
    var failure = new IllegalStateException("Failed to load PyTorch native library",
        new IllegalStateException("wrapped", new UnsatisfiedLinkError("libcudnn.so.9: cannot open shared object file")));
    assertEquals("Failed to load PyTorch native library (java.lang.UnsatisfiedLinkError: libcudnn.so.9: cannot open"
        + " shared object file)", EngineReport.failure(failure));
    assertEquals("no libtorch", EngineReport.failure(new IllegalStateException("no libtorch")));
  }

  @Test
  void aDownloadWithoutANetworkSaysWhatDjlWantedAndTheWaysWithoutIt() {
    String expected = "DJL downloads PyTorch's natives on first use and could not reach its server (%s); without a"
        + " network, run on the CPU (no GPU asked for) or on an installed PyTorch (README, \"Running on a GPU\")";
    var noHost = new IllegalStateException("Failed to save pytorch index file", new UnknownHostException("publish.djl.ai"));
    assertEquals(String.format(expected, "java.net.UnknownHostException: publish.djl.ai"), EngineReport.failure(noHost));
    var refused = new IllegalStateException("Failed to download", new ConnectException("Connection refused"));
    assertEquals(String.format(expected, "java.net.ConnectException: Connection refused"), EngineReport.failure(refused));
  }
}
