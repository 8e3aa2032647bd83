package org.modulardiffusion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modulardiffusion.checkpoint.Checkpoint;
import org.modulardiffusion.config.ConfigNode;
import org.modulardiffusion.config.ConfigReader;
import org.modulardiffusion.config.ModelAssembler;
import org.modulardiffusion.config.ModuleRegistry;
import org.modulardiffusion.config.Training;
import org.modulardiffusion.engine.Model;
import org.modulardiffusion.progress.SamplingProgress;
import org.modulardiffusion.train.TrainingListener;
import org.modulardiffusion.train.TrainingLoop;

/** Each listener of {@code diffusion train}, alone in a loop over the toy config: what it writes and nothing else. */
class EpochListenersTest {
  private static final ModuleRegistry REGISTRY = ModuleRegistry.load(EpochListenersTest.class.getClassLoader());
  private static final ConfigNode CONFIG = ConfigReader.parse("toy.yaml", ToyConfig.YAML);

  @TempDir Path out;

  /** Trains the toy model (two steps an epoch) for {@code epochs} with the listeners {@code listeners} makes. */
  private List<Float> train(int epochs, Function<RunFolder, List<TrainingListener>> listeners) {
    try (Model<?> model = new ModelAssembler(REGISTRY).assemble(CONFIG)) {
      return train(model, epochs, listeners.apply(new RunFolder(out)));
    }
  }

  private static <D extends org.modulardiffusion.base.Distribution<D>> List<Float> train(
      Model<D> model, int epochs, List<TrainingListener> listeners) {
    TrainingLoop.Builder<D> loop = Training.of(CONFIG.section("train")).loop(model).progress(TrainingListener.none());
    listeners.forEach(loop::listener);
    return loop.build().train(epochs);
  }

  private List<String> files() throws IOException {
    try (var paths = Files.walk(out)) {
      return paths.filter(Files::isRegularFile).map(p -> out.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void samplesArePicturesOfEachEpoch() throws IOException {
    EpochSamples[] samples = new EpochSamples[1];
    train(2, folder -> List.of(samples[0] = new EpochSamples(folder, SamplingProgress.none())));
    assertEquals(List.of("samples/epoch-0001.png", "samples/epoch-0002.png"), files(), "pictures, no arrays");
    assertEquals(out.resolve("samples/epoch-0002.png"), samples[0].latest());
  }

  @Test
  void theLossPlotIsRedrawnAfterEachEpoch() throws IOException {
    train(1, folder -> List.of(new LossPlotter(folder)));
    assertEquals(List.of("loss.png"), files());
  }

  @Test
  void metricsHaveALineForEachEpochWithItsLossAndSteps() throws IOException {
    List<Float> means = train(2, folder -> {
      EpochSamples samples = new EpochSamples(folder, SamplingProgress.none());
      return List.of(samples, new EpochMetrics(folder, samples));
    });
    List<String> lines = Files.readAllLines(out.resolve("metrics.jsonl"));
    assertEquals(2, lines.size());
    for (int epoch = 1; epoch <= 2; epoch++) {
      JsonObject line = JsonParser.parseString(lines.get(epoch - 1)).getAsJsonObject();
      assertEquals(epoch, line.get("epoch").getAsInt());
      assertEquals(means.get(epoch - 1), line.get("loss").getAsFloat());
      assertEquals(2 * epoch, line.get("steps").getAsInt(), "64 points in batches of 32");
      assertEquals(1e-3, line.get("lr").getAsDouble(), 1e-9, "the config's constant rate");
      assertFalse(line.has("grad_norm"), "no clipping, no norm");
      assertEquals(String.format("samples/epoch-%04d.png", epoch), line.get("samples").getAsString());
    }
  }

  @Test
  void aCheckpointIsWrittenAfterEachEpochAndNamedLatest() throws IOException {
    train(2, folder -> {
      EpochSamples samples = new EpochSamples(folder, SamplingProgress.none());
      return List.of(samples, new EpochCheckpoint(folder, ToyConfig.YAML, samples));
    });
    Checkpoint latest = Checkpoint.latest(out.resolve("checkpoints"));
    assertEquals(out.resolve("checkpoints/epoch-0002"), latest.directory());
    assertEquals(ToyConfig.YAML, latest.config());
    assertTrue(Files.isDirectory(out.resolve("checkpoints/epoch-0001")));
  }
}
