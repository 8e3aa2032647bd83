package org.modulardiffusion.sample;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.ServiceLoader;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Model specs over the plugin's modules, compiled as a user's would be: with the processors that
 * javac finds on the class path.
 */
class TutorialSpecCompilationTest {

  private static JavaFileObject spec(String loss) {
    return JavaFileObjects.forSourceLines("test.Spec",
        "package test;",
        "import org.modulardiffusion.annotation.DiffusionModel;",
        "import org.modulardiffusion.distribution.Categorical;",
        "import org.modulardiffusion.sample.*;",
        "@DiffusionModel",
        "public interface Spec {",
        "  TutorialLinear schedule();",
        "  DDPM noise();",
        "  TinyMlp net();",
        "  " + loss + " loss();",
        "}");
  }

  private static Compilation compile(JavaFileObject spec) {
    return Compiler.javac().withProcessors(ServiceLoader.load(Processor.class)).compile(spec);
  }

  @Test
  void vlbForTheNoisesDistributionCompiles() {
    assertThat(compile(spec("TutorialVLB<TutorialNormal>"))).succeededWithoutWarnings();
  }

  @Test
  void vlbForCategoricalCannotTrainDdpm() {
    JavaFileObject spec = spec("TutorialVLB<Categorical>");
    assertThat(compile(spec))
        .hadErrorContaining("loss TutorialVLB<Categorical> cannot train noise DDPM, which produces TutorialNormal;"
            + " use a Loss<TutorialNormal> or a generic loss")
        .inFile(spec)
        .onLineContaining("TutorialVLB<Categorical> loss()");
  }
}
