package org.modulardiffusion.config;

import java.util.List;
import org.modulardiffusion.engine.LearningRateSchedule;
import org.modulardiffusion.engine.LearningRateSchedule.Decay;

/**
 * The {@code train} section of a config.
 *
 * @param epochs passes over the data set
 * @param batch examples per forward and backward pass
 * @param lr the learning rate of Adam, after the warmup
 * @param seed the seed of every random draw, or {@code null} for an unseeded run
 * @param device {@code auto}, {@code cpu} or {@code gpu} (or {@code gpu:0} …)
 * @param warmup optimizer steps of a linear warmup of the learning rate from 0
 * @param decay what the learning rate does after the warmup, until the last epoch ends
 * @param floor where a decay ends, as a fraction of {@code lr}
 * @param weightDecay AdamW's decoupled weight decay; 0 for plain Adam
 * @param clip the largest global norm of the gradient; 0 for no clipping
 * @param accumulate batches whose gradients add up to one optimizer step
 * @param ema the decay of the moving average of the weights; 0 for none
 */
public record Training(
    int epochs,
    int batch,
    float lr,
    Integer seed,
    String device,
    int warmup,
    Decay decay,
    double floor,
    double weightDecay,
    double clip,
    int accumulate,
    double ema) {
  private static final List<String> KEYS =
      List.of("epochs", "batch", "lr", "seed", "device", "warmup", "decay", "floor", "weight_decay", "clip",
          "accumulate", "ema");

  /** Reads the section; every key is optional. */
  public static Training of(ConfigNode section) {
    section.checkKeys(KEYS, "train");
    return new Training(
        section.get("epochs", "1").inRange(1, Integer.MAX_VALUE).asInt(),
        section.get("batch", "64").inRange(1, Integer.MAX_VALUE).asInt(),
        section.get("lr", "1e-4").inRange(0, Double.POSITIVE_INFINITY).asFloat(),
        section.has("seed") ? section.get("seed").asInt() : null,
        section.get("device", "auto").asString(),
        section.get("warmup", "0").inRange(0, Integer.MAX_VALUE).asInt(),
        section.get("decay", "constant").asEnum(Decay.class, List.of("constant", "cosine", "linear")),
        section.get("floor", "0").inRange(0, 1).asDouble(),
        section.get("weight_decay", "0").inRange(0, Double.MAX_VALUE).asDouble(),
        section.get("clip", "0").inRange(0, Double.MAX_VALUE).asDouble(),
        section.get("accumulate", "1").inRange(1, Integer.MAX_VALUE).asInt(),
        section.get("ema", "0").inRange(0, 0.99999).asDouble());
  }

  /** The learning rate of every optimizer step of the run, for a data set of {@code examples}. */
  public LearningRateSchedule schedule(int examples) {
    long steps = (long) epochs * optimizerSteps(examples);
    return new LearningRateSchedule(lr, warmup, decay, Math.max(steps, warmup), floor);
  }

  /** The optimizer steps of an epoch over {@code examples}: batches, then groups of accumulated ones. */
  public long optimizerSteps(int examples) {
    long batches = (examples + (long) batch - 1) / batch;
    return (batches + accumulate - 1) / accumulate;
  }
}
