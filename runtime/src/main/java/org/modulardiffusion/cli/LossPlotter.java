package org.modulardiffusion.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.modulardiffusion.report.ChartSupport;
import org.modulardiffusion.report.LossPlot;
import org.modulardiffusion.report.MetricsLog;
import org.modulardiffusion.train.TrainingListener;
import org.modulardiffusion.train.TrainingLoop;

/**
 * Plots the loss after every epoch: each step's since the run started or resumed, with its
 * learning rate, and the mean of every epoch, those of the run's earlier epochs read from its
 * metrics. Where this Java cannot draw charts it says so once, and the run goes on without the plot.
 */
final class LossPlotter implements TrainingListener {
  private final RunFolder folder;
  private final List<Float> means = new ArrayList<>();
  private final List<Float> losses = new ArrayList<>();
  private final List<Float> rates = new ArrayList<>();
  private int stepsPerEpoch;

  LossPlotter(RunFolder folder) {
    this.folder = folder;
  }

  @Override
  public void onTrainingBegin(TrainingLoop<?> loop) {
    if (ChartSupport.here() == ChartSupport.NONE) {
      System.err.println("warning: no loss plot: " + ChartSupport.missingFonts());
    }
    try {
      new MetricsLog(folder.metrics()).column("loss").forEach(mean -> means.add(mean.floatValue()));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the metrics of the earlier epochs: " + e.getMessage(), e);
    }
  }

  @Override
  public void onStep(TrainingLoop<?> loop, Step step) {
    losses.add(step.loss());
    rates.add((float) step.learningRate());
    stepsPerEpoch = step.steps();
  }

  @Override
  public void onEpoch(TrainingLoop<?> loop, int epoch, float meanLoss) {
    means.add(meanLoss);
    if (ChartSupport.here() == ChartSupport.NONE) {
      return;
    }
    try {
      LossPlot.write(losses, rates, stepsPerEpoch, means, folder.lossPlot());
    } catch (IOException e) {
      throw folder.failed(epoch, e);
    }
  }
}
