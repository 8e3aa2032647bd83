package org.modulardiffusion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * The command line's log, through the launcher's slf4j binding: errors only by default, DJL's
 * warnings, info and debug messages too with {@code --verbose}.
 */
class LoggingTest {
  @RegisterExtension final CommandRunner diffusion = new CommandRunner();

  @Test
  void quietByDefault() {
    assertEquals(0, diffusion.run("modules", "schedule"), diffusion.stderr());
    LoggerFactory.getLogger("ai.djl.probe").warn("a warning");
    LoggerFactory.getLogger("ai.djl.probe").error("an error");
    assertFalse(diffusion.stderr().contains("a warning"), diffusion.stderr());
    assertTrue(diffusion.stderr().contains("[ERROR] ai.djl.probe: an error"), diffusion.stderr());
  }

  @Test
  void verboseShowsDjlsMessages() {
    assertEquals(0, diffusion.run("modules", "schedule", "--verbose"), diffusion.stderr());
    LoggerFactory.getLogger("ai.djl.probe").debug("a debug message");
    assertTrue(diffusion.stderr().contains("[DEBUG] ai.djl.probe: a debug message"), diffusion.stderr());
  }
}
