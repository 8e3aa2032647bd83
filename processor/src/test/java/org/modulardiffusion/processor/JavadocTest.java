package org.modulardiffusion.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The plain-text summaries of module Javadoc. */
class JavadocTest {

  @Test
  void keepsTheFirstSentenceOnly() {
    assertEquals("Draws time steps.", Javadoc.summary(" Draws time steps. Uniformly.\n\n More.\n @param x y"));
  }

  @Test
  void doesNotEndASentenceAtAnAbbreviation() {
    assertEquals(
        "The schedule of Diffusion-LM (Li et al. 2022), e.g. for text.",
        Javadoc.summary("The schedule of Diffusion-LM (Li et al. 2022), e.g. for text. Next."));
  }

  @Test
  void turnsMarkupIntoPlainText() {
    assertEquals(
        "alpha_t = value for every t, {@code} and x^2 < 1.",
        Javadoc.summary("alpha<sub>t</sub> = {@code value} for <i>every</i> t, {@code} and x<sup>2</sup> &lt; 1."));
  }

  @Test
  void isEmptyWithoutAComment() {
    assertEquals("", Javadoc.summary(null));
  }
}
