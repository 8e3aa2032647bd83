package org.modulardiffusion.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the {@code diffusion} command line in the test's process and keeps what each run prints:
 * register it with {@code @RegisterExtension}.
 */
public final class CommandRunner implements BeforeEachCallback, AfterEachCallback {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream originalOut;
  private PrintStream originalErr;

  @Override
  public void beforeEach(ExtensionContext context) {
    originalOut = System.out;
    originalErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    System.setOut(originalOut);
    System.setErr(originalErr);
  }

  /** Runs the command line with {@code args} and returns its exit status. */
  public int run(String... args) {
    out.reset();
    err.reset();
    return Diffusion.run(args);
  }

  /** What the last run printed on standard output. */
  public String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  /** What the last run printed on standard error. */
  public String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
