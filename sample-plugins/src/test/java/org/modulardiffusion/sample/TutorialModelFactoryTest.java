package org.modulardiffusion.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.modulardiffusion.config.ConfigNode;
import org.modulardiffusion.config.ConfigReader;
import org.modulardiffusion.config.Training;
import org.modulardiffusion.engine.Model;
import org.modulardiffusion.train.TrainingLoop;

/** The factory generated from the {@link TutorialModel} spec. */
class TutorialModelFactoryTest {

  @Test
  void factoryBuildsATypedModelThatTrainsOneStep() {
    // The spec fixes the modules; the config gives only their parameters and the data set.
    String yaml = String.join("\n",
        "dataset:  {type: toy2d, count: 16}",
        "schedule: {steps: 10, start: 0.999, end: 0.9}",
        "net:      {width: 16, labels: 2}",
        "train:    {batch: 16, seed: 0, device: cpu}");
    ConfigNode config = ConfigReader.parse("", yaml);
    try (Model<TutorialNormal> model = TutorialModelFactory.create(config)) {
      assertInstanceOf(DDPM.class, model.noise());
      assertEquals(10, model.steps());
      TrainingLoop<TutorialNormal> loop = Training.of(config.section("train")).loop(model).build();
      assertEquals(16, loop.batchSize());
      assertTrue(Float.isFinite(loop.trainSteps(1)));
      assertEquals(1, model.step());
    }
  }
}
