package org.modulardiffusion.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.modulardiffusion.data.Identity;
import org.modulardiffusion.dataset.Toy2d;
import org.modulardiffusion.distribution.Normal;
import org.modulardiffusion.engine.Model;
import org.modulardiffusion.loss.Simple;
import org.modulardiffusion.net.Mlp;
import org.modulardiffusion.noise.Gaussian;
import org.modulardiffusion.sampler.Ancestral;
import org.modulardiffusion.schedule.Cosine;
import org.modulardiffusion.time.Discrete;
import org.modulardiffusion.train.TrainingLoop;

/** A model of eight gaussians in plain Java: trained, sampled and saved. */
public final class Quickstart {
  private Quickstart() {}

  public static void main(String[] args) throws IOException {
    try (Model<Normal> model = Model.<Normal>builder()
            .dataset(new Toy2d(Toy2d.Figure.GAUSSIANS, 2048, 0.1, 7))   // points, labels 1..8
            .data(new Identity())
            .schedule(new Cosine(100))
            .noise(new Gaussian(Gaussian.Parameter.EPSILON, Gaussian.Variance.FIXED))
            .net(new Mlp(8, 1, 64, 3))                    // any org.modulardiffusion.base.Net
            .loss(new Simple<>(Simple.Target.EPSILON, 0)) // new VLB<Categorical>() would not compile
            .time(new Discrete())
            .sampler(new Ancestral<>())                   // or new DDIM(0, 25, Spacing.TRAILING, 7, 0)
            .seed(11)                                     // reproducible initialization
            .build();
         NDManager manager = NDManager.newBaseManager()) {
      TrainingLoop<Normal> loop = TrainingLoop.builder(model)
          .batchSize(128)
          .learningRate(3e-3f)                            // Adam; 1e-4 by default
          .seed(11)                                       // reproducible shuffling and noise
          .build();                                       // a progress bar on standard error
      List<Float> losses = loop.train(25);                // the mean loss of each epoch
      NDArray trajectory = model.sample(manager, new long[] {1, 2, 3}, 4);  // [T + 1, 12, 2]
      model.save(Path.of("model.params"));                // the net's and data transform's parameters
      System.out.println("losses " + losses + ", trajectory " + trajectory.getShape());
    }
  }
}
