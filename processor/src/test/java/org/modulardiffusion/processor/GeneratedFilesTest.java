package org.modulardiffusion.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.modulardiffusion.processor.Sources.schedule;
import static org.modulardiffusion.processor.Sources.source;
import static org.modulardiffusion.processor.Sources.with;

import com.google.testing.compile.Compilation;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The content of each kind of generated file, and that the same input gives the same files. */
@ParameterizedClass
@EnumSource(Toolchain.class)
class GeneratedFilesTest {
  /** The provider of {@code with()}: printf 'test.Ancestral\ntest.Cosine\n…\ntest.Uniform' | sha256sum. */
  private static final String PROVIDER = "GeneratedModuleProvider_d3ce73af";

  @Parameter Toolchain toolchain;
  private static final JavaFileObject SPEC = source("Digits",
      "package test;",
      "import org.modulardiffusion.annotation.DiffusionModel;",
      "@DiffusionModel",
      "public interface Digits {",
      "  Cosine schedule();",
      "  Gaussian noise();",
      "  TinyNet net();",
      "  Simple<Normal> loss();",
      "}");

  /** A module with a parameter of each restricted kind, built through its generated checks. */
  private static final JavaFileObject CHECKED = source("Checked",
      "package test;",
      "import ai.djl.ndarray.NDArray;",
      "import java.util.List;",
      "import org.modulardiffusion.annotation.*;",
      "import org.modulardiffusion.base.*;",
      "@DataModule",
      "public final class Checked extends Data {",
      "  public enum Kind { X, Y }",
      "  public Checked(",
      "      @Param(min = 1) int count,",
      "      @Param(min = 0, max = 1) float start,",
      "      @Param(min = 1) int[] widths,",
      "      @Param(min = 0, max = 0.5) List<Double> rates,",
      "      @Param(oneOf = {\"a\", \"b\"}) String mode,",
      "      @Param(oneOf = {\"x\"}) Kind kind,",
      "      Kind free,",
      "      @Param(min = 0) int i) {",
      "    Checked_Parameters.check(count, start, widths, rates, mode, kind, i);",
      "  }",
      "  public NDArray encode(NDArray w) { return w; }",
      "  public NDArray decode(NDArray x) { return x; }",
      "}");

  private static String generated(Compilation compilation, String name) {
    assertThat(compilation).succeeded();
    try {
      return compilation.generatedSourceFile(name).orElseThrow().getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void binderConvertsEachParameterWithItsDefaultAndRange() {
    String binder = generated(toolchain.compile(with()), "test.Cosine_Binder");
    assertThat(binder).contains("import org.modulardiffusion.config.internal.ModuleBinder;");
    assertThat(binder).contains("public final class Cosine_Binder implements ModuleBinder<Cosine> {");
    assertThat(binder).contains("section.checkKeys(KEYS, \"schedule cosine\");");
    assertThat(binder).contains("List.of(\"type\", \"steps\", \"offset\")");
    assertThat(binder).contains(
        "section.require(\"steps\", \"schedule cosine\").inRange(1.0, Double.POSITIVE_INFINITY).asInt()");
    assertThat(binder).contains("section.get(\"offset\", \"0.008\").inRange(0.0, 1.0).asFloat()");
    assertThat(binder).contains("new ParameterDescriptor(\"steps\", \"int\", null, 1.0, Double.POSITIVE_INFINITY,"
        + " List.of(), \"T\")");
    assertThat(binder).contains("\"A cosine schedule.\"");
    assertThat(binder).contains("} catch (IllegalArgumentException e) {\n"
        + "      throw new ConfigException(section.path(), e.getMessage());");
  }

  @Test
  void parametersCheckTheRestrictedArgumentsInTheConstructorsOrder() {
    Compilation compilation = toolchain.compile(with(CHECKED));
    String checks = generated(compilation, "test.Checked_Parameters");
    assertThat(checks).contains("import org.modulardiffusion.config.internal.Checks;");
    assertThat(checks).contains("public final class Checked_Parameters {");
    assertThat(checks).contains("public static void check(int count, float start, int[] widths, List<Double> rates,"
        + " String mode,\n      Checked.Kind kind, int i) {\n"
        + "    Checks.inRange(\"count\", count, 1.0, Double.POSITIVE_INFINITY);\n"
        + "    Checks.inRange(\"start\", start, 0.0, 1.0);\n"
        + "    for (int i_ = 0; i_ < widths.length; i_++) {\n"
        + "      Checks.inRange(\"widths[\" + i_ + \"]\", widths[i_], 1.0, Double.POSITIVE_INFINITY);\n"
        + "    }\n"
        + "    for (int i_ = 0; i_ < rates.size(); i_++) {\n"
        + "      Checks.inRange(\"rates[\" + i_ + \"]\", rates.get(i_), 0.0, 0.5);\n"
        + "    }\n"
        + "    Checks.oneOf(\"mode\", mode, List.of(\"a\", \"b\"));\n"
        + "    Checks.oneOf(\"kind\", kind, List.of(\"x\"));\n"
        + "    Checks.inRange(\"i\", i, 0.0, Double.POSITIVE_INFINITY);\n"
        + "  }");
    assertThat(generated(compilation, "test.Cosine_Parameters")).contains("public static void check(int steps, float offset)");
    // Gaussian's one parameter may be any constant of its enum: nothing to check.
    assertThat(compilation.generatedSourceFile("test.Gaussian_Parameters").isPresent()).isFalse();
  }

  @Test
  void aModuleBuiltInJavaMeetsItsParams() throws ReflectiveOperationException {
    Class<?> checked = new CompiledClasses(toolchain.compile(with(CHECKED))).loadClass("test.Checked");
    Class<?> kind = checked.getClasses()[0];
    Object x = kind.getEnumConstants()[0];
    Object y = kind.getEnumConstants()[1];
    Constructor<?> constructor = checked.getConstructors()[0];
    List<Object> good = List.of(3, 0.5f, new int[] {4, 8}, List.of(0.0, 0.5), "b", x, y, 0);
    assertThat(constructor.newInstance(good.toArray())).isInstanceOf(checked);
    Object[][] bad = {
        {0, 0.5f, new int[] {4}, List.of(), "a", x, y, 0},
        {1, Float.NaN, new int[] {4}, List.of(), "a", x, y, 0},
        {1, 1.5f, new int[] {4}, List.of(), "a", x, y, 0},
        {1, 0.5f, new int[] {4, 0}, List.of(), "a", x, y, 0},
        {1, 0.5f, new int[] {4}, List.of(0.25, Double.POSITIVE_INFINITY), "a", x, y, 0},
        {1, 0.5f, new int[] {4}, List.of(), "c", x, y, 0},
        {1, 0.5f, new int[] {4}, List.of(), "a", y, y, 0},
        {1, 0.5f, new int[] {4}, List.of(), "a", x, y, -1}};
    List<String> messages = new ArrayList<>();
    for (Object[] arguments : bad) {
      InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> constructor.newInstance(arguments));
      assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class);
      messages.add(e.getCause().getMessage());
    }
    assertThat(messages).containsExactly(
        "count: expected a finite value in [1, inf], got 0",
        "start: expected a finite value in [0, 1], got NaN",
        "start: expected a finite value in [0, 1], got 1.5",
        "widths[1]: expected a finite value in [1, inf], got 0",
        "rates[1]: expected a finite value in [0, 0.5], got Infinity",
        "mode: expected one of [a, b], got \"c\"",
        "kind: expected one of [x], got \"y\"",
        "i: expected a finite value in [0, inf], got -1").inOrder();
  }

  @Test
  void binderOfANoiseCarriesItsDistributionAndChoices() {
    String binder = generated(toolchain.compile(with()), "test.Gaussian_Binder");
    assertThat(binder).contains(
        "section.get(\"parameter\", \"epsilon\").asEnum(Gaussian.Parameter.class, List.of(\"x\", \"epsilon\", \"mu\"))");
    assertThat(binder).contains("ModuleKind.NOISE,");
    assertThat(binder).contains("Normal.class,\n      false,\n      \"\",\n      \"\")");
  }

  @Test
  void binderOfASamplerCarriesItsClassWhoseTypeSaysWhatItNeeds() {
    // No tag: the runtime reads DDIM's need, SamplerNeeding<Normal, GaussianDiffusion>, from its class.
    String binder = generated(toolchain.compile(with()), "test.DDIM_Binder");
    assertThat(binder).contains("DDIM.class,");
    assertThat(binder).contains("Normal.class,\n      false,\n      \"\",\n      \"\")");
  }

  @Test
  void binderOfAGenericModuleFitsAnyDistribution() {
    String binder = generated(toolchain.compile(with()), "test.Simple_Binder");
    assertThat(binder).contains("implements ModuleBinder<Simple<?>>");
    assertThat(binder).contains("return new Simple<>();");
    assertThat(binder).contains("Distribution.class,\n      true,");
  }

  @Test
  void binderUnboxesArrays() {
    String binder = generated(toolchain.compile(with()), "test.TinyNet_Binder");
    assertThat(binder).contains("import org.modulardiffusion.config.internal.Primitives;");
    assertThat(binder).contains("Primitives.ints(section.get(\"channels\", \"[1, 8]\").asList(e -> e.inRange(1.0,"
        + " Double.POSITIVE_INFINITY).asInt()))");
    assertThat(binder).contains("\"tiny-net\"");
  }

  @Test
  void providerListsBindersByKindThenName() {
    String provider = generated(toolchain.compile(with()), "test." + PROVIDER);
    assertThat(provider).contains("import org.modulardiffusion.config.internal.ModuleProvider;");
    assertThat(provider).contains("public final class " + PROVIDER + " implements ModuleProvider {");
    assertThat(provider).contains("return List.of(\n"
        + "          new Identity_Binder(),\n"
        + "          new OneHot_Binder(),\n"
        + "          new Cosine_Binder(),\n"
        + "          new Gaussian_Binder(),\n"
        + "          new Uniform_Binder(),\n"
        + "          new TinyNet_Binder(),\n"
        + "          new NormalLoss_Binder(),\n"
        + "          new Simple_Binder(),\n"
        + "          new Ancestral_Binder(),\n"
        + "          new DDIM_Binder());");
  }

  @Test
  void servicesFileNamesTheProvider() throws IOException {
    Compilation compilation = toolchain.compile(with());
    assertThat(compilation)
        .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/services/org.modulardiffusion.config.internal.ModuleProvider")
        .contentsAsUtf8String()
        .isEqualTo("test." + PROVIDER + "\n");
  }

  @Test
  void twoCompilationsIntoOnePackageWriteTwoProviders(@TempDir Path classes) throws IOException {
    Compilation first = toolchain.compile(with());
    assertThat(first).succeeded();
    for (JavaFileObject file : first.generatedFiles()) {
      String path = file.toUri().getPath();
      if (file.getKind() == JavaFileObject.Kind.CLASS && path.startsWith("/CLASS_OUTPUT/")) {
        Path target = classes.resolve(path.substring("/CLASS_OUTPUT/".length()));
        Files.createDirectories(target.getParent());
        try (InputStream in = file.openInputStream()) {
          Files.copy(in, target);
        }
      }
    }
    List<File> classPath = new ArrayList<>();
    classPath.add(classes.toFile());
    for (String entry : System.getProperty("surefire.test.class.path").split(File.pathSeparator)) {
      classPath.add(new File(entry));
    }
    JavaFileObject sigmoid = schedule("Sigmoid", "@ScheduleModule", "  public Sigmoid() { super(1); }");
    Compilation second = toolchain.compiler().withProcessors(new ModuleProcessor()).withClasspath(classPath)
        .compile(sigmoid);
    assertThat(second).succeededWithoutWarnings();
    // printf 'test.Sigmoid' | sha256sum
    assertThat(second)
        .generatedFile(StandardLocation.CLASS_OUTPUT, ProviderGenerator.SERVICES)
        .contentsAsUtf8String()
        .isEqualTo("test.GeneratedModuleProvider_4236f8da\n");
  }

  @Test
  void factoryIsTypedByTheNoisesDistribution() {
    String factory = generated(toolchain.compile(with(SPEC)), "test.DigitsFactory");
    assertThat(factory).contains("public static Model<Normal> create(ConfigNode config) {");
    assertThat(factory).contains("public static Model<Normal> create(ConfigNode config, ModuleRegistry registry) {");
    assertThat(factory).contains("Map.of(\n"
        + "      ModuleKind.SCHEDULE, new Cosine_Binder(),\n"
        + "      ModuleKind.NOISE, new Gaussian_Binder(),\n"
        + "      ModuleKind.NET, new TinyNet_Binder(),\n"
        + "      ModuleKind.LOSS, new Simple_Binder());");
    assertThat(factory).contains("DISTRIBUTIONS = Map.of(\n"
        + "      ModuleKind.NOISE, Normal.class,\n"
        + "      ModuleKind.LOSS, Normal.class);");
    assertThat(factory).contains(
        "return (Model<Normal>) new ModelAssembler(registry).assemble(config, MODULES, DISTRIBUTIONS);");
  }

  @Test
  void factoryCarriesTheDistributionsTheSpecResolved() {
    JavaFileObject tempered = source("Tempered",
        "package test;",
        "import ai.djl.ndarray.NDArray;",
        "import ai.djl.ndarray.NDManager;",
        "import ai.djl.ndarray.types.Shape;",
        "import org.modulardiffusion.annotation.*;",
        "import org.modulardiffusion.base.*;",
        "@NoiseModule",
        "public class Tempered<D extends Distribution<D>> extends Noise<D> {",
        "  public void schedule(NDArray alpha) {}",
        "  public D stationary(NDManager m, Shape s) { return null; }",
        "  public D prior(NDArray x, NDArray t) { return null; }",
        "  public D posterior(NDArray x, NDArray z, NDArray t) { return null; }",
        "  public D approximate(NDArray z, NDArray t, NDArray hat) { return null; }",
        "}");
    JavaFileObject walker = Sources.sampler("Walker", "@SamplerModule", "", "Normal");
    JavaFileObject spec = source("Tempering",
        "package test;",
        "import org.modulardiffusion.annotation.DiffusionModel;",
        "@DiffusionModel",
        "public interface Tempering {",
        "  Cosine schedule();",
        "  Tempered<Normal> noise();",
        "  TinyNet net();",
        "  Simple<Normal> loss();",
        "  Walker sampler();",
        "}");
    String factory = generated(toolchain.compile(with(tempered, walker, spec)), "test.TemperingFactory");
    assertThat(factory).contains("DISTRIBUTIONS = Map.of(\n"
        + "      ModuleKind.NOISE, Normal.class,\n"
        + "      ModuleKind.LOSS, Normal.class,\n"
        + "      ModuleKind.SAMPLER, Normal.class);");
  }

  @Test
  void gradleIsToldTheProcessorAggregates() throws IOException {
    try (InputStream in = ModuleProcessor.class.getResourceAsStream(
        "/META-INF/gradle/incremental.annotation.processors")) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("org.modulardiffusion.processor.ModuleProcessor,aggregating\n");
    }
  }

  @Test
  void sameInputGivesTheSameFiles() throws IOException {
    List<JavaFileObject> sources = new ArrayList<>(List.of(with(SPEC)));
    List<String> first = contents(toolchain.compile(sources.toArray(new JavaFileObject[0])));
    Collections.reverse(sources);
    List<String> second = contents(toolchain.compile(sources.toArray(new JavaFileObject[0])));
    assertThat(second).containsExactlyElementsIn(first).inOrder();
    // 10 binders, 3 parameter checks (Cosine, Uniform, TinyNet), the provider and the factory.
    assertThat(first).hasSize(15);
  }

  /** The classes that a compilation wrote, loaded beside the runtime that the tests see. */
  private static final class CompiledClasses extends ClassLoader {
    private final Compilation compilation;

    CompiledClasses(Compilation compilation) {
      super(GeneratedFilesTest.class.getClassLoader());
      assertThat(compilation).succeeded();
      this.compilation = compilation;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      String path = "/CLASS_OUTPUT/" + name.replace('.', '/') + ".class";
      for (JavaFileObject file : compilation.generatedFiles()) {
        if (file.getKind() == JavaFileObject.Kind.CLASS && file.toUri().getPath().equals(path)) {
          try (InputStream in = file.openInputStream()) {
            byte[] bytes = in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
      throw new ClassNotFoundException(name);
    }
  }

  private static List<String> contents(Compilation compilation) throws IOException {
    List<String> contents = new ArrayList<>();
    List<JavaFileObject> files = new ArrayList<>(compilation.generatedSourceFiles());
    files.sort((a, b) -> a.getName().compareTo(b.getName()));
    for (JavaFileObject file : files) {
      contents.add(file.getName() + "\n" + file.getCharContent(true));
    }
    return contents;
  }
}
