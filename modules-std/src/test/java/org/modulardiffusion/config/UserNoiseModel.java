package org.modulardiffusion.config;

import org.modulardiffusion.annotation.DiffusionModel;
import org.modulardiffusion.distribution.Normal;
import org.modulardiffusion.loss.Simple;
import org.modulardiffusion.net.Mlp;
import org.modulardiffusion.sampler.DDIM;
import org.modulardiffusion.schedule.Cosine;

/** A spec of a user's Gaussian noise sampled with DDIM: it compiles because UserNoise is a GaussianDiffusion. */
@DiffusionModel
public interface UserNoiseModel {
  Cosine schedule();

  UserNoise noise();

  Mlp net();

  Simple<Normal> loss();

  DDIM sampler();
}
