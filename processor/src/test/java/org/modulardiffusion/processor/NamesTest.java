package org.modulardiffusion.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Default registry names: the simple class name in kebab-case. */
class NamesTest {

  @Test
  void kebabCaseSplitsWordsAndKeepsAcronymsWhole() {
    assertEquals("classifier-free", Names.kebab("ClassifierFree"));
    assertEquals("one-hot", Names.kebab("OneHot"));
    assertEquals("ddim", Names.kebab("DDIM"));
    assertEquals("vlb", Names.kebab("VLB"));
    assertEquals("u-net", Names.kebab("UNet"));
    assertEquals("cosine", Names.kebab("Cosine"));
  }
}
