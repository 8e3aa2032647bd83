package org.modulardiffusion.eval;

/**
 * A distance measured on a model's samples, next to the same distance for a second draw of the
 * data (the floor: the best any model can reach with this many samples) and for the stationary
 * noise the sampler starts from (the ceiling).
 *
 * @param samples the distance of the samples to held-out data
 * @param floor the distance of other held-out data to it
 * @param ceiling the distance of the stationary noise to it
 */
public record Bracket(double samples, double floor, double ceiling) {

  /**
   * (samples − floor) / (ceiling − floor): 0 as good as data, 1 no better than noise.
   *
   * @return the ratio; below 0 better than the floor, above 1 worse than the ceiling
   */
  public double ratio() {
    return (samples - floor) / (ceiling - floor);
  }
}
