package org.modulardiffusion.cli;

import ai.djl.engine.EngineException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.modulardiffusion.config.ConfigException;
import org.modulardiffusion.device.EngineReport;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Reports what went wrong in a command in one line, in our words: a bad config, file or module,
 * or PyTorch natives that DJL cannot load, is the user's to fix and needs no stack trace.
 * Anything else is a bug and keeps its trace.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  /** The exit status of an error in the user's input. */
  static final int INPUT_ERROR = 2;
  /** The exit status of an unexpected failure. */
  static final int FAILURE = 1;

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
    if (e instanceof ConfigException
        || e instanceof IllegalArgumentException
        || e instanceof IllegalStateException
        || e instanceof IOException
        || e instanceof UncheckedIOException) {
      command.getErr().println("error: " + (e.getMessage() == null ? e : e.getMessage()));
      return INPUT_ERROR;
    }
    if (e instanceof EngineException && !raisedByAnOperation(e)) {
      command.getErr().println("error: DJL could not load its PyTorch engine: " + EngineReport.failure(e)
          + "; ./diffusion doctor shows what it runs on");
      return INPUT_ERROR;
    }
    command.getErr().println("error: unexpected failure; please report it with this trace:");
    e.printStackTrace(command.getErr());
    return FAILURE;
  }

  /**
   * Whether PyTorch raised {@code e} in an operation on arrays, through one of the engine's
   * native methods, rather than while DJL loaded the engine. The model's loops tell such
   * failures in their own words; one that reaches this handler is unexpected.
   */
  private static boolean raisedByAnOperation(Exception e) {
    StackTraceElement[] trace = e.getStackTrace();
    return trace.length > 0 && trace[0].isNativeMethod();
  }
}
