package org.modulardiffusion.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.modulardiffusion.data.Identity;
import org.modulardiffusion.dataset.Toy2d;
import org.modulardiffusion.distribution.Normal;
import org.modulardiffusion.loss.Simple;
import org.modulardiffusion.noise.Gaussian;
import org.modulardiffusion.sampler.Ancestral;
import org.modulardiffusion.schedule.Cosine;
import org.modulardiffusion.time.Discrete;

/**
 * A model built first thing in a JVM, through the Java API with the default device: nothing has
 * loaded DJL's engine before, as in a user's program (the tests' JVM has always loaded it).
 */
class FreshJvmTest {
  /** Builds a model and prints its parameter count. */
  public static void main(String[] args) {
    try (Model<Normal> model = Model.<Normal>builder()
        .data(new Identity())
        .schedule(new Cosine(10))
        .noise(new Gaussian())
        .net(new TinyMlp(2, 10, 2, 8, 1))
        .loss(new Simple<>())
        .time(new Discrete())
        .sampler(new Ancestral<>())
        .dataset(new Toy2d(Toy2d.Figure.MOONS, 20, 0.05, 1))
        .seed(1)
        .build()) {
      System.out.println("parameters " + model.parameterCount());
    }
  }

  @Test
  void aModelIsTheFirstThingAProgramBuilds() throws Exception {
    Process child = new ProcessBuilder(List.of(
            ProcessHandle.current().info().command().orElse("java"), "-Dai.djl.offline=true",
            "-cp", System.getProperty("java.class.path"), FreshJvmTest.class.getName()))
        .redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), output);
    assertEquals(0, child.exitValue(), output);
    // TinyMlp(2 coordinates, 4 frequencies, 2 labels, width 8, 1 parameter): inputs 2 + 8 + 3 = 13;
    // weights and biases 13·8 + 8, 8·8 + 8, 8·8 + 8, 8·2 + 2.
    assertTrue(output.contains("parameters " + (13 * 8 + 8 + 2 * (8 * 8 + 8) + 8 * 2 + 2)), output);
  }
}
