package org.modulardiffusion.sample;

import org.modulardiffusion.annotation.DiffusionModel;

/**
 * The tutorial's model, assembled from its custom modules: DDPM noise on a linear schedule,
 * denoised by a small MLP trained with L<sub>simple</sub>. The processor checks that the modules
 * fit and generates {@code TutorialModelFactory}, whose {@code create(config)} returns a
 * {@code Model<TutorialNormal>}; the config gives the modules' parameters and the data set.
 */
@DiffusionModel
public interface TutorialModel {
  TutorialLinear schedule();

  DDPM noise();

  TinyMlp net();

  TutorialSimple<TutorialNormal> loss();
}
