package org.modulardiffusion.annotation;

import java.util.Locale;

/**
 * The rules that the modules of one model must follow together, with the words used when one is
 * broken: the processor reports them on a {@link DiffusionModel} spec, the runtime on a model
 * assembled from a config, in the same words.
 */
public enum ModelRule {
  /** The loss must train the noise's distribution: a {@code Loss<D>}, or a generic loss. */
  LOSS_TRAINS_NOISE(
      "loss %1$s cannot train noise %2$s, which produces %3$s; use a Loss<%3$s> or a generic loss"),
  /** The sampler's distribution must be the noise's: a {@code Sampler<D>}. */
  SAMPLER_WALKS_NOISE(
      "sampler %1$s walks only %2$s, but noise %3$s produces %4$s; use a Sampler<%4$s> or a generic"
          + " sampler such as ancestral"),
  /**
   * The noise must be what the sampler needs beyond its distribution: an instance of the sampler's
   * {@code N} in {@code SamplerNeeding<D, N>}, as DDIM needs a {@code GaussianDiffusion}.
   */
  SAMPLER_FITS_NOISE(
      "sampler %1$s needs a noise that implements %2$s, but noise %3$s does not; implement %2$s in %3$s,"
          + " or use a sampler that needs only the noise's distribution, such as ancestral"),
  /**
   * A schedule that leaves no signal at T (ᾱ<sub>T</sub> = 0, a {@code ZeroTerminalSnr}) needs a noise
   * whose net does not predict ε: at x<sub>T</sub> = ε, a predicted ε says nothing of x<sub>0</sub>.
   */
  SCHEDULE_FITS_NOISE(
      "schedule %1$s leaves no signal at the last step (zero terminal SNR), where noise %2$s, whose net"
          + " predicts epsilon, cannot recover x0; predict v or x instead (gaussian's parameter: v), or use a"
          + " schedule that keeps some signal"),
  /** The data must be in the representation the noise requires. */
  DATA_FITS_NOISE(
      "noise %1$s requires %2$s data, but data %3$s produces %4$s; use a data module marked"
          + " @DataModule(produces = \"%2$s\")"),
  /** Every required slot is filled. */
  SLOT_PRESENT("%1$s has no %2$s; %3$s"),
  /** No slot is filled twice. */
  SLOT_ONCE("%1$s has two %2$ss, %3$s and %4$s; keep one");

  private final String format;

  ModelRule(String format) {
    this.format = format;
  }

  /**
   * The message for this rule broken by the named modules.
   *
   * @param arguments the modules' names, in the order of the format
   * @return the message
   */
  public String message(Object... arguments) {
    return String.format(Locale.ROOT, format, arguments);
  }

  /**
   * How a data module's representation tag is named in messages.
   *
   * @param tag the tag, empty for none
   * @return the tag, or "untagged data"
   */
  public static String representation(String tag) {
    return tag.isEmpty() ? "untagged data" : tag;
  }
}
