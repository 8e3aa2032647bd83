package org.modulardiffusion.eval;

import java.io.IOException;
import java.util.Map;

/**
 * A data set that can measure how well a model trained on it samples: {@code diffusion eval}
 * works for any data set that implements it (the standard {@code toy2d}, {@code digits},
 * {@code grammar} and {@code text}; a plugin's too) and says so of one that does not.
 */
public interface Evaluable {

  /**
   * Samples the model as {@code request} says and measures the samples.
   *
   * @param request the model, the samples to draw and where to keep files
   * @return the figures by name, in the order to print and log them; numbers, strings or maps
   * @throws IOException when a file of the evaluation cannot be read or written
   */
  Map<String, Object> evaluate(Evaluation request) throws IOException;
}
