package org.modulardiffusion.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.modulardiffusion.config.ConfigNode;
import org.modulardiffusion.config.ConfigReader;
import org.modulardiffusion.config.Training;
import org.modulardiffusion.engine.Model;
import org.modulardiffusion.train.TrainingLoop;

/** Trains the tutorial's model with the parameters of a YAML file, such as configs/tutorial.yaml. */
public final class TrainTutorial {
  private TrainTutorial() {}

  public static void main(String[] args) throws IOException {
    ConfigNode config = ConfigReader.read(Path.of(args[0]));
    try (Model<TutorialNormal> model = TutorialModelFactory.create(config)) {  // generated
      TrainingLoop<TutorialNormal> loop = Training.of(config.section("train")).loop(model).build();
      List<Float> losses = loop.train(5);
      System.out.println("losses " + losses);
    }
  }
}
