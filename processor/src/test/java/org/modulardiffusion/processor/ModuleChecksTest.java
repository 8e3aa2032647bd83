package org.modulardiffusion.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.modulardiffusion.processor.Sources.schedule;
import static org.modulardiffusion.processor.Sources.source;
import static org.modulardiffusion.processor.Sources.with;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Every check on a module class: a failing source with its error, and the nearest valid one. */
@ParameterizedClass
@EnumSource(Toolchain.class)
class ModuleChecksTest {
  @Parameter Toolchain toolchain;

  @Test
  void validModulesCompile() {
    assertThat(toolchain.compile(with())).succeededWithoutWarnings();
  }

  @Test
  void wrongBaseTypeNamesTheKindItIs() {
    JavaFileObject source = schedule("Linear", "@NoiseModule", "  public Linear() { super(1); }");
    Compilation compilation = toolchain.compile(source);
    assertThat(compilation).hadErrorContaining(
        "@NoiseModule class Linear must extend Noise, but Linear is a Schedule; mark it @ScheduleModule instead")
        .inFile(source).onLineContaining("@NoiseModule");
  }

  @Test
  void plainClassMustExtendTheBase() {
    JavaFileObject source = source("Plain", "package test;", "import org.modulardiffusion.annotation.*;",
        "@TimeModule", "public class Plain {}");
    assertThat(toolchain.compile(source)).hadErrorContaining(
        "@TimeModule class Plain must extend Time, but Plain is a plain class; extend Time")
        .inFile(source).onLineContaining("@TimeModule");
  }

  @Test
  void moduleMustBePublic() {
    JavaFileObject hidden = Sources.declaredSchedule("Hidden", "@ScheduleModule", "class Hidden", "  public Hidden() { super(1); }");
    assertThat(toolchain.compile(hidden)).hadErrorContaining(
        "module Hidden is not public, so its generated binder cannot build it; make it public")
        .inFile(hidden).onLineContaining("class Hidden");
  }

  @Test
  void moduleMustBeConcrete() {
    JavaFileObject partial = Sources.declaredSchedule("Partial", "@ScheduleModule", "public abstract class Partial",
        "  public Partial() { super(1); }");
    assertThat(toolchain.compile(partial)).hadErrorContaining(
        "module Partial is abstract and cannot be built; make it concrete, or mark its concrete subclasses instead")
        .inFile(partial).onLineContaining("abstract class Partial");
  }

  @Test
  void moduleNeedsAPublicConstructor() {
    JavaFileObject source = schedule("Closed", "@ScheduleModule", "  Closed() { super(1); }");
    assertThat(toolchain.compile(source)).hadErrorContaining(
        "module Closed has no public constructor; add one whose parameters are the module's parameters")
        .inFile(source).onLineContaining("public class Closed");
  }

  @Test
  void severalConstructorsNeedAMark() {
    JavaFileObject source = schedule("Twice", "@ScheduleModule",
        "  public Twice() { super(1); }",
        "  public Twice(int steps) { super(steps); }");
    assertThat(toolchain.compile(source)).hadErrorContaining(
        "module Twice has 2 public constructors; mark the one whose parameters are the module's parameters"
            + " with @ModuleConstructor")
        .inFile(source).onLineContaining("public class Twice");
  }

  @Test
  void markedConstructorIsChosen() {
    JavaFileObject source = schedule("Marked", "@ScheduleModule",
        "  public Marked() { super(1); }",
        "  @ModuleConstructor public Marked(int steps) { super(steps); }");
    assertThat(toolchain.compile(source)).succeededWithoutWarnings();
  }

  @Test
  void parameterMustBeBindable() {
    JavaFileObject source = schedule("Odd", "@ScheduleModule",
        "  public Odd(Object weights) { super(1); }");
    assertThat(toolchain.compile(source)).hadErrorContaining(
        "parameter weights of Odd has type Object, which a config cannot give; use a primitive, a boxed"
            + " primitive, String, an enum, an array or List of those, or a module type")
        .inFile(source).onLineContaining("Object weights");
  }

  @Test
  void listsArraysEnumsAndModulesAreBindable() {
    JavaFileObject source = schedule("Rich", "@ScheduleModule",
        "  public enum Shape { FLAT, STEEP }",
        "  public Rich(java.util.List<Double> knots, String[] names, Shape shape, Boolean warm, Schedule inner) {",
        "    super(1);",
        "  }");
    assertThat(toolchain.compile(source)).succeededWithoutWarnings();
  }

  @Test
  void minMustNotExceedMax() {
    JavaFileObject source = schedule("Backwards", "@ScheduleModule",
        "  public Backwards(@Param(min = 2, max = 1) int steps) { super(steps); }");
    assertThat(toolchain.compile(source)).hadErrorContaining(
        "@Param of Backwards.steps has min 2 above max 1; make min at most max")
        .inFile(source).onLineContaining("min = 2");
  }

  @Test
  void rangeNeedsANumber() {
    JavaFileObject source = schedule("Named", "@ScheduleModule",
        "  public Named(@Param(min = 0) String name) { super(1); }");
    assertThat(toolchain.compile(source)).hadErrorContaining(
        "@Param of Named.name sets a range, but its type String holds no numbers; remove min and max")
        .inFile(source).onLineContaining("String name");
  }

  @Test
  void defaultMustParse() {
    JavaFileObject source = schedule("Wordy", "@ScheduleModule",
        "  public Wordy(@Param(defaultValue = \"many\") int steps) { super(steps); }");
    assertThat(toolchain.compile(source)).hadErrorContaining(
        "default \"many\" of Wordy.steps is not an integer; write it as in a config, such as 1")
        .inFile(source).onLineContaining("defaultValue = \"many\"");
  }

  @Test
  void defaultMustLieInRange() {
    JavaFileObject source = schedule("Far", "@ScheduleModule",
        "  public Far(@Param(defaultValue = \"1.5\", min = 0, max = 1) float offset) { super(1); }");
    assertThat(toolchain.compile(source)).hadErrorContaining(
        "default 1.5 of Far.offset lies outside [0, 1]; choose a default within min and max")
        .inFile(source).onLineContaining("defaultValue = \"1.5\"");
  }

  @Test
  void listDefaultIsCheckedElementByElement() {
    JavaFileObject source = schedule("Knots", "@ScheduleModule",
        "  public Knots(@Param(defaultValue = \"[1, 0]\", min = 1) int[] knots) { super(1); }");
    assertThat(toolchain.compile(source)).hadErrorContaining(
        "default 0 of Knots.knots lies outside [1, inf]; choose a default within min and max")
        .inFile(source).onLineContaining("int[] knots");
  }

  @Test
  void enumDefaultMustNameAConstant() {
    JavaFileObject source = schedule("Shaped", "@ScheduleModule",
        "  public enum Shape { FLAT, STEEP }",
        "  public Shaped(@Param(defaultValue = \"round\") Shape shape) { super(1); }");
    assertThat(toolchain.compile(source)).hadErrorContaining(
        "default \"round\" of Shaped.shape is not one of [flat, steep]; choose one of them")
        .inFile(source).onLineContaining("defaultValue = \"round\"");
  }

  @Test
  void oneOfMustNameEnumConstants() {
    JavaFileObject source = schedule("Picky", "@ScheduleModule",
        "  public enum Shape { FLAT, STEEP }",
        "  public Picky(@Param(oneOf = {\"flat\", \"curved\"}) Shape shape) { super(1); }");
    assertThat(toolchain.compile(source)).hadErrorContaining(
        "oneOf value \"curved\" of Picky.shape is not a constant of Shape; use some of [flat, steep]")
        .inFile(source).onLineContaining("oneOf =");
  }

  @Test
  void oneOfNeedsStringOrEnum() {
    JavaFileObject source = schedule("Counted", "@ScheduleModule",
        "  public Counted(@Param(oneOf = {\"1\"}) int steps) { super(steps); }");
    assertThat(toolchain.compile(source)).hadErrorContaining(
        "@Param of Counted.steps sets oneOf, but its type int is neither String nor an enum; remove oneOf")
        .inFile(source).onLineContaining("oneOf =");
  }

  @Test
  void registryNamesAreUniquePerKind() {
    JavaFileObject first = schedule("Cosine2", "@ScheduleModule(name = \"cosine\")",
        "  public Cosine2() { super(1); }");
    Compilation compilation = toolchain.compile(with(first));
    assertThat(compilation).hadErrorContaining(
        "schedule \"cosine\" already names test.Cosine; give Cosine2 another name with"
            + " @ScheduleModule(name = \"…\")")
        .inFile(first).onLineContaining("name = \"cosine\"");
  }

  @Test
  void aSamplersRetiredTagSaysWhatReplacesIt() {
    JavaFileObject tagged = Sources.sampler("Implicit", "@SamplerModule(requires = \"gaussian\")", "", "Normal");
    assertThat(toolchain.compile(with(tagged))).hadErrorContaining(
        "@SamplerModule(requires = \"gaussian\") of Implicit is retired: a sampler says what it needs of its noise"
            + " by its type; remove requires and extend SamplerNeeding<D, N>, which fits only a noise that"
            + " implements N, such as SamplerNeeding<Normal, GaussianDiffusion> for Gaussian diffusion")
        .inFile(tagged).onLineContaining("requires = \"gaussian\"");
  }

  @Test
  void aNoisesRetiredTagSaysWhatReplacesIt() {
    JavaFileObject tagged = Sources.noise("Mine", "Normal", "@NoiseModule(produces = \"gaussian\")", "");
    assertThat(toolchain.compile(with(tagged))).hadErrorContaining(
        "@NoiseModule(produces = \"gaussian\") of Mine is retired: a noise is what a sampler needs by its type;"
            + " remove produces and implement the interface that the sampler needs, such as GaussianDiffusion for"
            + " Gaussian diffusion")
        .inFile(tagged).onLineContaining("produces = \"gaussian\"");
  }

  @Test
  void moduleInTheUnnamedPackageIsWarnedAbout() {
    JavaFileObject loose = Sources.file("Loose.java",
        "import ai.djl.ndarray.NDArray;",
        "import ai.djl.ndarray.NDManager;",
        "import org.modulardiffusion.annotation.*;",
        "import org.modulardiffusion.base.*;",
        "@ScheduleModule",
        "public class Loose extends Schedule {",
        "  public Loose() { super(1); }",
        "  public NDArray compute(NDManager m) { return null; }",
        "}");
    Compilation compilation = toolchain.compile(loose);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningContaining(
        "module Loose is in the unnamed package, and so is the provider GeneratedModuleProvider_384bf8e8 generated for"
            + " it; put the module in a package, so that its provider has one too")
        .inFile(loose).onLineContaining("public class Loose");
  }

  @Test
  void oneBadModuleDoesNotStopTheOthers() {
    JavaFileObject odd = schedule("Odd", "@ScheduleModule", "  public Odd(Object weights) { super(1); }");
    JavaFileObject closed = schedule("Closed", "@ScheduleModule", "  Closed() { super(1); }");
    Compilation compilation = toolchain.compile(with(odd, closed));
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining("parameter weights of Odd").inFile(odd);
    assertThat(compilation).hadErrorContaining("module Closed has no public constructor").inFile(closed);
  }
}
