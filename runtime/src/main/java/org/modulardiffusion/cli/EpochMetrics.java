package org.modulardiffusion.cli;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.modulardiffusion.report.MetricsLog;
import org.modulardiffusion.train.TrainingListener;
import org.modulardiffusion.train.TrainingLoop;

/**
 * Appends a line of metrics after every epoch: its mean loss, the steps so far, the time and
 * speed of its steps (from its start to its last step, without the listeners' work after it),
 * the learning rate, when the gradient is clipped its norm before clipping, and the samples
 * drawn after it.
 */
final class EpochMetrics implements TrainingListener {
  private final RunFolder folder;
  private final MetricsLog metrics;
  private final EpochSamples samples;
  private long start;
  private long end;
  private long stepsAtStart;

  EpochMetrics(RunFolder folder, EpochSamples samples) {
    this.folder = folder;
    this.metrics = new MetricsLog(folder.metrics());
    this.samples = samples;
  }

  @Override
  public void onEpochBegin(TrainingLoop<?> loop, int epoch) {
    start = System.nanoTime();
    stepsAtStart = loop.model().step();
  }

  @Override
  public void onStep(TrainingLoop<?> loop, Step step) {
    if (step.step() == step.steps()) {
      end = System.nanoTime();
    }
  }

  @Override
  public void onEpoch(TrainingLoop<?> loop, int epoch, float meanLoss) {
    double seconds = (end - start) / 1e9;
    long steps = loop.model().step();
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("epoch", epoch);
    line.put("loss", meanLoss);
    line.put("steps", steps);
    line.put("seconds", Math.round(seconds * 10) / 10.0);
    line.put("steps_per_second", Math.round((steps - stepsAtStart) / seconds * 100) / 100.0);
    line.put("lr", (float) loop.learningRate());
    if (!Double.isNaN(loop.gradientNorm())) {
      line.put("grad_norm", (float) loop.gradientNorm());
    }
    line.put("samples", folder.relative(samples.latest()));
    try {
      metrics.append(line);
    } catch (IOException e) {
      throw folder.failed(epoch, e);
    }
  }
}
