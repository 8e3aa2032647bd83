package org.modulardiffusion.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The command line's log: DJL's and the runtime's slf4j messages reach {@code java.util.logging}
 * through the launcher's binding (slf4j-jdk14); this prints their errors on standard error, and
 * with {@code --verbose} everything down to debug messages (DJL warns on every start on a machine
 * with a CUDA library but no driver, which is why warnings wait for {@code --verbose}).
 */
final class Logging {
  /**
   * The loggers whose debug messages {@code --verbose} shows; others (JNA's, say) stop at info.
   * Held here since {@code java.util.logging} forgets the level of a logger nobody references.
   */
  private static final List<Logger> OURS = List.of(Logger.getLogger("ai.djl"), Logger.getLogger("org.modulardiffusion"));

  private Logging() {}

  /** Prints errors on {@code err}, one line each; with {@code verbose}, debug messages and above. */
  static void configure(boolean verbose, PrintStream err) {
    Logger root = Logger.getLogger("");
    for (Handler handler : root.getHandlers()) {
      root.removeHandler(handler);
    }
    root.setLevel(verbose ? Level.INFO : Level.SEVERE);
    for (Logger logger : OURS) {
      logger.setLevel(verbose ? Level.FINE : null);
    }
    root.addHandler(new Line(err));
  }

  /** slf4j's name of a level that slf4j-jdk14 mapped to {@code java.util.logging}'s. */
  private static String slf4jName(Level level) {
    int value = level.intValue();
    return value >= Level.SEVERE.intValue() ? "ERROR"
        : value >= Level.WARNING.intValue() ? "WARN"
        : value >= Level.INFO.intValue() ? "INFO"
        : value >= Level.FINE.intValue() ? "DEBUG"
        : "TRACE";
  }

  /** Prints each record as {@code [LEVEL] logger: message}, with slf4j's level names. */
  private static final class Line extends Handler {
    private final PrintStream err;

    Line(PrintStream err) {
      this.err = err;
      setFormatter(
          new Formatter() {
            @Override
            public String format(LogRecord record) {
              return String.format(
                  Locale.ROOT, "[%s] %s: %s", slf4jName(record.getLevel()), record.getLoggerName(), formatMessage(record));
            }
          });
    }

    @Override
    public void publish(LogRecord record) {
      if (isLoggable(record)) {
        err.println(getFormatter().format(record));
      }
    }

    @Override
    public void flush() {
      err.flush();
    }

    @Override
    public void close() {
      flush();
    }
  }
}
