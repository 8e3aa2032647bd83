package org.modulardiffusion.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.modulardiffusion.base.GaussianDiffusion;

/**
 * The spacings against hand-computed lists: diffusers' for T = 1000 and 10 steps, translated (its
 * time t<sub>d</sub> is our t<sub>d</sub> + 1, and a run ends at 0; see {@link Spacing}).
 */
class SpacingTest {

  @Test
  void linspaceIsDiffusersLinspacePlusOne() {
    // diffusers: np.linspace(0, 999, 10).round()[::-1] = 999, 888, 777, 666, 555, 444, 333, 222, 111, 0
    assertArrayEquals(new int[] {1000, 889, 778, 667, 556, 445, 334, 223, 112, 1, 0},
        Spacing.LINSPACE.times(1000, 10, null, 7));
    // np.linspace(0, 9, 4) = 0, 3, 6, 9
    assertArrayEquals(new int[] {10, 7, 4, 1, 0}, Spacing.LINSPACE.times(10, 4, null, 7));
    assertArrayEquals(new int[] {10, 0}, Spacing.LINSPACE.times(10, 1, null, 7));
  }

  @Test
  void leadingIsDiffusersLeadingPlusOne() {
    // diffusers: arange(0, 10) * (1000 // 10), reversed = 900, 800, …, 0
    assertArrayEquals(new int[] {901, 801, 701, 601, 501, 401, 301, 201, 101, 1, 0},
        Spacing.LEADING.times(1000, 10, null, 7));
    // 10 // 3 = 3: 6, 3, 0
    assertArrayEquals(new int[] {7, 4, 1, 0}, Spacing.LEADING.times(10, 3, null, 7));
  }

  @Test
  void trailingIsDiffusersTrailingPlusOne() {
    // diffusers: round(arange(1000, 0, -100)) - 1 = 999, 899, …, 99
    assertArrayEquals(new int[] {1000, 900, 800, 700, 600, 500, 400, 300, 200, 100, 0},
        Spacing.TRAILING.times(1000, 10, null, 7));
    // arange(10, 0, -10/3) = 10, 6.67, 3.33
    assertArrayEquals(new int[] {10, 7, 3, 0}, Spacing.TRAILING.times(10, 3, null, 7));
  }

  @Test
  void everySpacingTakesEveryStepWhenAskedForAsManyOrMore() {
    for (Spacing spacing : Spacing.values()) {
      assertArrayEquals(new int[] {4, 3, 2, 1, 0}, spacing.times(4, 9, new SigmaIsT(), 7), spacing.name());
    }
  }

  /**
   * With σ<sub>t</sub> = t (ᾱ<sub>t</sub> = 1/(1 + t²)), T = 80, 5 steps and ρ = 7: 80<sup>1/7</sup> = 1.87022,
   * and σ<sub>i</sub> = (1.87022 − 0.21756 i)<sup>7</sup> = 80, 33.67, 12.54, 3.966, 1. Between steps log σ is
   * interpolated: 33.67 lies (ln 33.67 − ln 33)/(ln 34 − ln 33) = 0.67 of the way from 33 to 34, so 34;
   * 12.54 lies 0.55 of the way from 12 to 13, so 13; 3.966, 0.97 from 3 to 4, so 4.
   */
  @Test
  void karrasSpacesTheNoiseScaleAsEdm() {
    assertArrayEquals(new int[] {80, 34, 13, 4, 1, 0}, Spacing.KARRAS.times(80, 5, new SigmaIsT(), 7));
    // ρ = 1: σ evenly spaced, 80, 60.25, 40.5, 20.75, 1; in log σ, 60.25 is 0.21 of the way from 60 to 61,
    // 40.5 is 0.503 of the way from 40 to 41 and 20.75 0.75 of the way from 20 to 21.
    assertArrayEquals(new int[] {80, 60, 41, 21, 1, 0}, Spacing.KARRAS.times(80, 5, new SigmaIsT(), 1));
  }

  @Test
  void karrasVisitsTimesThatRoundAlikeOnce() {
    // σ = 10, 5.50, 2.93, 1.52, 0.768 … near 1 the σ crowd: with 10 steps over T = 10, ρ = 7 several round to 1 or 2.
    int[] times = Spacing.KARRAS.times(10, 10, new SigmaIsT(), 7);
    for (int i = 1; i < times.length; i++) {
      org.junit.jupiter.api.Assertions.assertTrue(times[i] < times[i - 1], java.util.Arrays.toString(times));
    }
    assertArrayEquals(new int[] {10, 0}, new int[] {times[0], times[times.length - 1]});
  }

  @Test
  void autoIsTrailingForANetThatPredictsVOrXWhereTheScheduleLeavesSignalAtTAndLeadingOtherwise() {
    int[] trailing = {1000, 900, 800, 700, 600, 500, 400, 300, 200, 100, 0};
    int[] leading = {901, 801, 701, 601, 501, 401, 301, 201, 101, 1, 0};
    assertArrayEquals(trailing, Spacing.AUTO.times(1000, 10, predicting("v", 1e-6), 7));
    assertArrayEquals(trailing, Spacing.AUTO.times(1000, 10, predicting("x", 1e-6), 7));
    assertArrayEquals(leading, Spacing.AUTO.times(1000, 10, predicting("epsilon", 1e-6), 7));
    assertArrayEquals(leading, Spacing.AUTO.times(1000, 10, predicting("mu", 1e-6), 7));
    assertArrayEquals(leading, Spacing.AUTO.times(1000, 10, predicting(null, 1e-6), 7), "a noise that does not say");
    assertArrayEquals(leading, Spacing.AUTO.times(1000, 10, predicting("v", 0), 7), "a zero terminal SNR");
  }

  /** A noise whose net predicts {@code prediction} (null: unsaid), with ᾱ<sub>T</sub> = {@code last} at T = 1000. */
  private static GaussianDiffusion predicting(String prediction, double last) {
    return new SigmaIsT() {
      @Override
      public double delta(int t) {
        return t == 1000 ? last : super.delta(t);
      }

      @Override
      public Optional<String> prediction() {
        return Optional.ofNullable(prediction);
      }
    };
  }

  /** A diffusion whose σ̃<sub>t</sub> = √((1 − ᾱ<sub>t</sub>)/ᾱ<sub>t</sub>) is t: ᾱ<sub>t</sub> = 1/(1 + t²). */
  private static class SigmaIsT implements GaussianDiffusion {
    @Override
    public double delta(int t) {
      return 1.0 / (1.0 + (double) t * t);
    }

    @Override
    public Scales scales(NDArray z, NDArray t) {
      throw new UnsupportedOperationException();
    }

    @Override
    public NDArray x0(NDArray z, NDArray t, NDArray hat) {
      throw new UnsupportedOperationException();
    }
  }
}
