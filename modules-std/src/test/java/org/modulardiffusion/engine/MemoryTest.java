package org.modulardiffusion.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.modulardiffusion.data.Identity;
import org.modulardiffusion.dataset.Toy2d;
import org.modulardiffusion.distribution.Normal;
import org.modulardiffusion.guidance.ClassifierFree;
import org.modulardiffusion.loss.Simple;
import org.modulardiffusion.loss.VLB;
import org.modulardiffusion.noise.Gaussian;
import org.modulardiffusion.sampler.Ancestral;
import org.modulardiffusion.schedule.Linear;
import org.modulardiffusion.time.Discrete;
import org.modulardiffusion.train.TrainingListener;
import org.modulardiffusion.train.TrainingLoop;

/** Training and sampling steps leave no live arrays behind. */
class MemoryTest {

  /** Every array alive in the engine: all base managers hang under the system manager. */
  private static int liveArrays(Model<?> model) {
    NDManager system = model.manager().getParentManager();
    return system.getManagedArrays().size();
  }

  @Test
  void aThousandTrainingStepsLeaveTheNumberOfLiveArraysUnchanged() {
    try (Model<Normal> model =
        Model.<Normal>builder()
            .data(new Identity())
            .schedule(new Linear(50, 0.999f, 0.95f))
            .noise(new Gaussian(Gaussian.Parameter.EPSILON, Gaussian.Variance.RANGE))
            .net(new TinyMlp(2, 50, 2, 16, 2).then(new ai.djl.nn.LambdaBlock(list -> list)))
            .loss(new Simple<Normal>(Simple.Target.EPSILON, 0).plus(new VLB<Normal>().times(0.001)))
            .guidance(new ClassifierFree(0.2, 1))
            .time(new Discrete())
            .sampler(new Ancestral<>())
            .dataset(new Toy2d(Toy2d.Figure.MOONS, 100, 0.05, 3))
            .seed(5)
            .build()) {
      TrainingLoop<Normal> loop =
          TrainingLoop.builder(model).batchSize(10).seed(5).progress(TrainingListener.none()).build();
      loop.train(1); // warm-up: the optimizer creates its state in the first step
      int before = liveArrays(model);
      loop.train(100); // 10 steps an epoch
      assertEquals(before, liveArrays(model), "live arrays after 1,000 training steps");
      try (NDManager manager = NDManager.newBaseManager()) {
        model.sample(manager, new long[] {1, 2}, 3, 10).close();
      }
      assertEquals(before, liveArrays(model), "live arrays after sampling");
      // A multistep solver keeps the net's last estimate from one step to the next, and closes it. The
      // first run makes the constants of its steps' factors, which Scalars keeps for the process.
      org.modulardiffusion.sampler.DPMSolver solver =
          new org.modulardiffusion.sampler.DPMSolver(10, 2, org.modulardiffusion.sampler.Spacing.TRAILING, 7, -1);
      try (NDManager manager = NDManager.newBaseManager()) {
        model.sample(manager, new long[] {1, 2}, 3, 1, solver).close();
      }
      int beforeSolver = liveArrays(model);
      try (NDManager manager = NDManager.newBaseManager()) {
        model.sample(manager, new long[] {1, 2}, 3, 1, solver).close();
      }
      assertEquals(beforeSolver, liveArrays(model), "live arrays after sampling with DPM-Solver++(2M)");

      TrainingLoop<Normal> accumulating = TrainingLoop.builder(model).batchSize(5).accumulate(2).seed(5)
          .progress(TrainingListener.none()).build();
      accumulating.train(1); // warm-up of its own optimizer
      int beforeAccumulating = liveArrays(model);
      accumulating.train(50);
      assertEquals(beforeAccumulating, liveArrays(model), "live arrays after 500 steps of two batches each");
    }
  }
}
