package org.modulardiffusion.config;

import org.modulardiffusion.annotation.DiffusionModel;
import org.modulardiffusion.distribution.Normal;
import org.modulardiffusion.loss.Simple;
import org.modulardiffusion.schedule.Cosine;

/** A spec whose noise is generic in its distribution, which the spec fixes to {@code Normal}. */
@DiffusionModel
public interface TemperedModel {
  Cosine schedule();

  Tempered<Normal> noise();

  PointNet net();

  Simple<Normal> loss();

  Walker sampler();
}
