package org.modulardiffusion.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.modulardiffusion.annotation.ModuleKind;
import org.modulardiffusion.base.Sampler;
import org.modulardiffusion.checkpoint.Checkpoint;
import org.modulardiffusion.config.ConfigNode;
import org.modulardiffusion.config.ModelAssembler;
import org.modulardiffusion.config.ModuleRegistry;
import org.modulardiffusion.engine.Model;

/**
 * A model restored from the checkpoint a command's {@code --checkpoint} names, with the config and
 * modules it was built from, and the sampler that {@code --sampler} and {@code --steps} choose:
 * what {@code diffusion sample} and {@code diffusion eval} start from.
 */
final class RestoredModel implements AutoCloseable {
  private final Checkpoint checkpoint;
  private final RunConfig config;
  private final ModuleRegistry registry;
  private final Model<?> model;
  /** The moving average in the weights' place, or null for the trained weights themselves. */
  private final Model.AveragedWeights averaged;

  private RestoredModel(
      Checkpoint checkpoint, RunConfig config, ModuleRegistry registry, Model<?> model, Model.AveragedWeights averaged) {
    this.checkpoint = checkpoint;
    this.config = config;
    this.registry = registry;
    this.model = model;
    this.averaged = averaged;
  }

  /**
   * The model of the checkpoint at {@code path}: a checkpoint folder, or a run's output or
   * checkpoints folder (its latest checkpoint), its modules found in {@code registry}.
   * {@code weights} chooses the trained weights ({@code raw}) or their moving average ({@code ema});
   * null chooses the average when the run kept one. The model runs on {@code device} (as {@code
   * train.device} names one), not on the device the run trained on, which may not be here.
   */
  static RestoredModel open(Path path, ModuleRegistry registry, String weights, String device) throws IOException {
    if (weights != null && !weights.equals("raw") && !weights.equals("ema")) {
      throw new IllegalArgumentException("--weights: expected raw or ema, got \"" + weights + "\"");
    }
    Checkpoint checkpoint = locate(path);
    RunConfig config = RunConfig.parse(checkpoint.directory().resolve("config.yaml").toString(), checkpoint.config());
    Model<?> model = new ModelAssembler(registry).assemble(config.with("train", "device", device).node());
    try {
      checkpoint.restore(model);
      if ("ema".equals(weights) && !model.hasAveragedWeights()) {
        throw new IllegalArgumentException(
            "--weights ema: the run of " + checkpoint + " kept no moving average of its weights (train.ema)");
      }
      boolean average = model.hasAveragedWeights() && !"raw".equals(weights);
      return new RestoredModel(checkpoint, config, registry, model, average ? model.averagedWeights() : null);
    } catch (IOException | RuntimeException e) {
      model.close();
      throw e;
    }
  }

  private static Checkpoint locate(Path path) throws IOException {
    if (Files.isRegularFile(path.resolve("latest"))) {
      return Checkpoint.latest(path);
    }
    if (Files.isRegularFile(path.resolve("checkpoints").resolve("latest"))) {
      return Checkpoint.latest(path.resolve("checkpoints"));
    }
    return Checkpoint.at(path);
  }

  /**
   * The sampler that {@code choice} and {@code steps} ask for, bound like a config's {@code sampler}
   * section and checked against the model's modules; the model's own when both are null. The
   * run's own sampler keeps the run's settings but those the command line changes; another starts
   * from its defaults. {@code steps} alone changes the run's sampler where it takes steps, and
   * otherwise chooses ddim.
   */
  Sampler<?> sampler(SamplerChoice choice, Integer steps) {
    if (choice == null && steps == null) {
      return model.sampler();
    }
    Map<String, Object> own = config.section("sampler");
    String ownType = String.valueOf(own.getOrDefault("type", ModuleKind.SAMPLER.defaultModule()));
    String type = choice != null ? choice.type() : takesSteps(ownType) ? ownType : "ddim";
    Map<String, Object> section = type.equals(ownType) ? own : new LinkedHashMap<>();
    section.put("type", type);
    if (choice != null) {
      section.putAll(choice.settings());
    }
    if (steps != null) {
      section.put("steps", steps);
    }
    return (Sampler<?>) new ModelAssembler(registry).replace(
        config.node(), ModuleKind.SAMPLER, ConfigNode.of("--sampler", section));
  }

  private boolean takesSteps(String sampler) {
    return registry.binder(ModuleKind.SAMPLER, sampler, "sampler.type").descriptor().parameterNames().contains("steps");
  }

  /** The checkpoint. */
  Checkpoint checkpoint() {
    return checkpoint;
  }

  /** The config the checkpointed run used. */
  RunConfig config() {
    return config;
  }

  /** The installed modules. */
  ModuleRegistry registry() {
    return registry;
  }

  /** Which weights the model samples with: {@code ema}, their moving average, or {@code raw}. */
  String weights() {
    return averaged != null ? "ema" : "raw";
  }

  /** The model, its parameters restored. */
  Model<?> model() {
    return model;
  }

  @Override
  public void close() {
    if (averaged != null) {
      averaged.close();
    }
    model.close();
  }
}
