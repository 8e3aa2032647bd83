package org.modulardiffusion.processor;

import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.tools.JavaFileObject;

/** Small modules written against the runtime's base types. */
final class Sources {
  private static final Path SOURCES = Path.of("target", "test-sources").toAbsolutePath();
  private static final AtomicInteger COUNT = new AtomicInteger();

  private Sources() {}

  /**
   * The source of class {@code test.name}, written to a file of its own: ECJ reads its sources
   * from files, and reports errors in the file it read.
   */
  static JavaFileObject source(String name, String... lines) {
    return file("test/" + name + ".java", lines);
  }

  /** A source file at {@code path}, such as {@code test/Cosine.java}, in a folder of its own. */
  static JavaFileObject file(String path, String... lines) {
    Path file = SOURCES.resolve(Integer.toString(COUNT.incrementAndGet())).resolve(path);
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, List.of(lines));
      return JavaFileObjects.forResource(file.toUri().toURL());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fixed modules plus {@code more}. */
  static JavaFileObject[] with(JavaFileObject... more) {
    List<JavaFileObject> all = new ArrayList<>(List.of(
        NORMAL, CATEGORICAL, GAUSSIAN, UNIFORM, IDENTITY, ONE_HOT, COSINE, TINY_NET, SIMPLE, NORMAL_LOSS,
        ANCESTRAL, DDIM));
    all.addAll(List.of(more));
    return all.toArray(new JavaFileObject[0]);
  }

  static final JavaFileObject NORMAL = source("Normal",
      "package test;",
      "import ai.djl.ndarray.NDArray;",
      "import org.modulardiffusion.annotation.DistributionModule;",
      "import org.modulardiffusion.base.*;",
      "@DistributionModule",
      "public final class Normal implements Distribution<Normal> {",
      "  public Sample sample() { return null; }",
      "  public NDArray nll(NDArray x) { return x; }",
      "  public NDArray dkl(Normal other) { return null; }",
      "}");

  static final JavaFileObject CATEGORICAL = source("Categorical",
      "package test;",
      "import ai.djl.ndarray.NDArray;",
      "import org.modulardiffusion.annotation.DistributionModule;",
      "import org.modulardiffusion.base.*;",
      "@DistributionModule",
      "public final class Categorical implements Distribution<Categorical> {",
      "  public Sample sample() { return null; }",
      "  public NDArray nll(NDArray x) { return x; }",
      "  public NDArray dkl(Categorical other) { return null; }",
      "}");

  static JavaFileObject noise(String name, String distribution, String annotation, String constructor) {
    return noise(name, distribution, "", annotation, constructor);
  }

  /** A noise that implements {@code interfaces}, such as {@code " implements GaussianDiffusion"}, with {@code body}. */
  static JavaFileObject noise(String name, String distribution, String interfaces, String annotation, String body) {
    return source(name,
        "package test;",
        "import ai.djl.ndarray.NDArray;",
        "import ai.djl.ndarray.NDManager;",
        "import ai.djl.ndarray.types.Shape;",
        "import org.modulardiffusion.annotation.*;",
        "import org.modulardiffusion.base.*;",
        annotation,
        "public class " + name + " extends Noise<" + distribution + ">" + interfaces + " {",
        "  " + body,
        "  public void schedule(NDArray alpha) {}",
        "  public " + distribution + " stationary(NDManager m, Shape s) { return null; }",
        "  public " + distribution + " prior(NDArray x, NDArray t) { return null; }",
        "  public " + distribution + " posterior(NDArray x, NDArray z, NDArray t) { return null; }",
        "  public " + distribution + " approximate(NDArray z, NDArray t, NDArray hat) { return null; }",
        "}");
  }

  /** A noise over {@code Normal} that implements GaussianDiffusion, with {@code body} besides. */
  static JavaFileObject gaussianNoise(String name, String annotation, String body) {
    return noise(name, "Normal", " implements GaussianDiffusion", annotation, body + "\n"
        + "  public double delta(int t) { return 0.5; }\n"
        + "  public Scales scales(NDArray z, NDArray t) { return null; }\n"
        + "  public NDArray x0(NDArray z, NDArray t, NDArray hat) { return z; }");
  }

  static final JavaFileObject GAUSSIAN = gaussianNoise("Gaussian", "@NoiseModule",
      "public enum Parameter { X, EPSILON, MU }\n"
          + "  public Gaussian(@Param(defaultValue = \"epsilon\", description = \"what the net predicts\")"
          + " Parameter parameter) {}");

  static final JavaFileObject UNIFORM = noise("Uniform", "Categorical", "@NoiseModule(requires = \"one-hot\")",
      "public Uniform(@Param(min = 2) int k) {}");

  static JavaFileObject data(String name, String annotation) {
    return source(name,
        "package test;",
        "import ai.djl.ndarray.NDArray;",
        "import org.modulardiffusion.annotation.*;",
        "import org.modulardiffusion.base.*;",
        annotation,
        "public final class " + name + " extends Data {",
        "  public NDArray encode(NDArray w) { return w; }",
        "  public NDArray decode(NDArray x) { return x; }",
        "}");
  }

  static final JavaFileObject IDENTITY = data("Identity", "@DataModule");
  static final JavaFileObject ONE_HOT = data("OneHot", "@DataModule(produces = \"one-hot\")");

  static JavaFileObject schedule(String name, String annotation, String... constructor) {
    return declaredSchedule(name, annotation, "public class " + name, constructor);
  }

  /** A schedule whose class is declared as {@code declaration}, such as {@code abstract class X}. */
  static JavaFileObject declaredSchedule(String name, String annotation, String declaration, String... constructor) {
    List<String> lines = new ArrayList<>(List.of(
        "package test;",
        "import ai.djl.ndarray.NDArray;",
        "import ai.djl.ndarray.NDManager;",
        "import org.modulardiffusion.annotation.*;",
        "import org.modulardiffusion.base.*;",
        annotation,
        declaration + " extends Schedule {"));
    lines.addAll(List.of(constructor));
    lines.add("  public NDArray compute(NDManager m) { return null; }");
    lines.add("}");
    return source(name, lines.toArray(new String[0]));
  }

  static final JavaFileObject COSINE = schedule("Cosine", "/** A cosine schedule. Its second sentence. */\n@ScheduleModule",
      "  public Cosine(",
      "      @Param(min = 1, description = \"T\") int steps,",
      "      @Param(defaultValue = \"0.008\", min = 0, max = 1) float offset) {",
      "    super(steps);",
      "  }");

  static final JavaFileObject TINY_NET = source("TinyNet",
      "package test;",
      "import ai.djl.ndarray.NDArray;",
      "import ai.djl.ndarray.types.Shape;",
      "import ai.djl.training.ParameterStore;",
      "import org.modulardiffusion.annotation.*;",
      "import org.modulardiffusion.base.*;",
      "@NetModule",
      "public final class TinyNet extends Net {",
      "  public TinyNet(@Param(defaultValue = \"[1, 8]\", min = 1) int[] channels) {}",
      "  public NDArray forward(ParameterStore p, NDArray x, NDArray y, NDArray t, boolean training) {",
      "    return x;",
      "  }",
      "  public Shape[] getOutputShapes(Shape[] inputs) { return inputs; }",
      "}");

  static JavaFileObject loss(String name, String typeParameters, String distribution) {
    return source(name,
        "package test;",
        "import ai.djl.ndarray.NDArray;",
        "import org.modulardiffusion.annotation.*;",
        "import org.modulardiffusion.base.*;",
        "@LossModule",
        "public final class " + name + typeParameters + " extends Loss<" + distribution + "> {",
        "  public NDArray compute(Batch<" + distribution + "> batch) { return null; }",
        "}");
  }

  static final JavaFileObject SIMPLE = loss("Simple", "<D extends Distribution<D>>", "D");
  static final JavaFileObject NORMAL_LOSS = loss("NormalLoss", "", "Normal");

  static JavaFileObject sampler(String name, String annotation, String typeParameters, String distribution) {
    return source(name,
        "package test;",
        "import ai.djl.ndarray.NDArray;",
        "import org.modulardiffusion.annotation.*;",
        "import org.modulardiffusion.base.*;",
        annotation,
        "public final class " + name + typeParameters + " extends Sampler<" + distribution + "> {",
        "  public NDArray step(Sampling<" + distribution + "> s, NDArray z, int t, int u) { return z; }",
        "}");
  }

  static final JavaFileObject ANCESTRAL = sampler("Ancestral", "@SamplerModule", "<D extends Distribution<D>>", "D");
  /** A sampler of {@code distribution} that needs its noise to be a {@code need} too. */
  static JavaFileObject needingSampler(String name, String annotation, String distribution, String need) {
    return source(name,
        "package test;",
        "import ai.djl.ndarray.NDArray;",
        "import org.modulardiffusion.annotation.*;",
        "import org.modulardiffusion.base.*;",
        annotation,
        "public final class " + name + " extends SamplerNeeding<" + distribution + ", " + need + "> {",
        "  protected NDArray step(" + need + " noise, Sampling<" + distribution + "> s, NDArray z, int t, int u) {",
        "    return z;",
        "  }",
        "}");
  }

  static final JavaFileObject DDIM = needingSampler("DDIM", "@SamplerModule", "Normal", "GaussianDiffusion");
}
