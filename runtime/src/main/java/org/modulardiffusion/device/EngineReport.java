package org.modulardiffusion.device;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.Platform;
import ai.djl.util.Utils;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What DJL runs on here: Java, DJL, its cache and offline mode, the CUDA runtime it finds, and the
 * engine it loaded — or why loading failed. {@link #probe()} loads the engine if it is not loaded.
 *
 * @param jniPytorch the PyTorch version whose JNI DJL's pytorch-jni jar holds (2.7.1)
 * @param jniCuda the CUDA version of the CUDA build whose JNI that jar holds ({@code 12.8}), the
 *     build DJL publishes: its download takes it for a CUDA runtime of that version or later, and
 *     the CPU build otherwise; null when the jar holds no CUDA JNI
 * @param cudaRuntime the CUDA runtime DJL finds ({@code 12.6}), or null when it finds none
 * @param driverCuda the CUDA version of the NVIDIA driver ({@code 12.2}), which runs builds for
 *     that major version; null when no driver is found
 * @param engine the loaded engine, or null when loading failed
 * @param loadError why the engine did not load, or null
 */
public record EngineReport(
    String javaVersion,
    String javaVendor,
    String djlVersion,
    String jniPytorch,
    String jniCuda,
    boolean offline,
    Path engineCacheDir,
    String cudaRuntime,
    String driverCuda,
    Loaded engine,
    String loadError) {

  /**
   * The loaded engine and the libtorch under it.
   *
   * @param libtorchSource who supplied libtorch: {@code PYTORCH_LIBRARY_PATH}, {@code the natives jar
   *     <file>} or {@code DJL's download}
   * @param libtorchFlavor DJL's name for the build: {@code cpu}, {@code cu128}, …
   */
  public record Loaded(
      String name,
      String version,
      Path libtorchDir,
      String libtorchVersion,
      String libtorchFlavor,
      String libtorchSource,
      int gpuCount,
      int intraOpThreads,
      int interOpThreads) {

    /**
     * Whether this libtorch is a CUDA build.
     *
     * @return whether it is a CUDA build
     */
    public boolean cuda() {
      return libtorchFlavor.startsWith("cu");
    }

    /**
     * The CUDA version of this CUDA build: {@code 13.0} for {@code cu130}.
     *
     * @return the version, such as {@code 13.0}
     */
    public String cudaVersion() {
      return flavorCuda(libtorchFlavor.replaceAll("^cu(\\d+).*", "$1"));
    }
  }

  /**
   * Gathers the report, loading DJL's engine if it is not loaded yet.
   *
   * @return the report
   */
  public static EngineReport probe() {
    String cuda = CudaUtils.hasCuda() ? cudaVersion(CudaUtils.getCudaVersion()) : null;
    Loaded loaded = null;
    String error = null;
    try {
      loaded = load();
    } catch (RuntimeException | LinkageError e) {
      error = failure(e);
    }
    return new EngineReport(System.getProperty("java.version"), System.getProperty("java.vendor"),
        Engine.getDjlVersion(), readJniPytorch(), readJniCuda(), Utils.isOfflineMode(), Utils.getEngineCacheDir(), cuda,
        CudaDriver.cudaVersion(), loaded, error);
  }

  private static Loaded load() {
    Engine engine = Engine.getInstance();
    Path libtorch = Path.of(LibUtils.getLibtorchPath());
    String source = librarySource();
    String flavor = source.equals(LIBRARY_PATH)
        ? Utils.getEnvOrSystemProperty("PYTORCH_FLAVOR", "cpu-precxx11")
        : flavorOf(libtorch);
    return new Loaded(engine.getEngineName(), engine.getVersion(), libtorch, LibUtils.getVersion(), flavor, source,
        engine.getGpuCount(), JniUtils.getNumThreads(), JniUtils.getNumInteropThreads());
  }

  private static final String LIBRARY_PATH = "PYTORCH_LIBRARY_PATH";
  private static final String NATIVES_JAR = "the natives jar ";

  /**
   * Whether DJL's engine, loaded, runs the CPU build of libtorch from a natives jar on the class
   * path: what {@code ./diffusion} gives a command that does not ask for a GPU on its command line.
   */
  static boolean runsCpuNativesJar() {
    return librarySource().startsWith(NATIVES_JAR) && flavorOf(Path.of(LibUtils.getLibtorchPath())).startsWith("cpu");
  }

  /** Who supplied libtorch, in the order DJL looks: its variable, a natives jar, its download. */
  private static String librarySource() {
    if (Utils.getEnvOrSystemProperty(LIBRARY_PATH) != null) {
      return LIBRARY_PATH;
    }
    var jar = EngineReport.class.getClassLoader().getResource("native/lib/pytorch.properties");
    if (jar != null) {
      String url = jar.toString();
      int end = url.indexOf("!/");
      String file = end < 0 ? url : url.substring(0, end);
      return NATIVES_JAR + file.substring(file.lastIndexOf('/') + 1);
    }
    return "DJL's download";
  }

  /** The flavor in the name of DJL's cache folder {@code <version>-<flavor>-<classifier>}. */
  private static String flavorOf(Path libtorch) {
    String classifier = Platform.detectPlatform("pytorch").getClassifier();
    Matcher name = Pattern.compile("(?:^|-)((?:cpu|cu\\d+)(?:-precxx11)?)-" + Pattern.quote(classifier) + "$")
        .matcher(libtorch.getFileName().toString());
    return name.find() ? name.group(1) : "unknown";
  }

  /**
   * The oldest CUDA version among the CUDA builds whose JNI DJL's pytorch-jni jar holds for this
   * platform ({@code jnilib/linux-x86_64/cu128/…}: 12.8), or null when it holds none.
   */
  private static String readJniCuda() {
    String classifier = Platform.detectPlatform("pytorch").getClassifier();
    ClassLoader loader = EngineReport.class.getClassLoader();
    for (int digits = 100; digits < 200; digits++) {
      if (loader.getResource("jnilib/" + classifier + "/cu" + digits + "/libdjl_torch.so") != null) {
        return flavorCuda(String.valueOf(digits));
      }
    }
    return null;
  }

  /** The PyTorch version of the JNI in DJL's pytorch-jni jar: {@code jni_version=2.7.1-0.36.0}. */
  private static String readJniPytorch() {
    try (InputStream in = LibUtils.class.getResourceAsStream("/jnilib/pytorch.properties")) {
      if (in == null) {
        return null;
      }
      Properties properties = new Properties();
      properties.load(in);
      String jni = properties.getProperty("jni_version", "");
      return jni.contains("-") ? jni.substring(0, jni.indexOf('-')) : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Why DJL's engine failed to load, in one line: its message and the root cause's, or, when the
   * cause is a network that cannot be reached, what DJL wanted from it and the ways without it.
   *
   * @param e the failure
   * @return the line
   */
  public static String failure(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    if (root instanceof UnknownHostException || root instanceof SocketException
        || root instanceof SocketTimeoutException) {
      return "DJL downloads PyTorch's natives on first use and could not reach its server (" + root + "); without"
          + " a network, run on the CPU (no GPU asked for) or on an installed PyTorch (README, \"Running on a GPU\")";
    }
    return e.getMessage() + (root == e ? "" : " (" + root + ")");
  }

  /** The CUDA version of a build's digits, as in its flavor: {@code 12.8} for {@code 128}. */
  private static String flavorCuda(String digits) {
    return digits.substring(0, digits.length() - 1) + "." + digits.substring(digits.length() - 1);
  }

  /** CUDA's version number (12060) as people write it (12.6). */
  static String cudaVersion(int number) {
    return number / 1000 + "." + number / 10 % 100;
  }
}
