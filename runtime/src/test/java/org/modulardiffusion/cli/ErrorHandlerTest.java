package org.modulardiffusion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.EngineException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@link ErrorHandler} words the failures that are the user's to fix, without a trace. */
class ErrorHandlerTest {
  @Test
  void anEngineThatCannotLoadIsTheUsersToFix() {
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new Diffusion()).setErr(new PrintWriter(err, true));
    var failure = new EngineException("Failed to save pytorch index file", new UnknownHostException("publish.djl.ai"));
    assertEquals(ErrorHandler.INPUT_ERROR, new ErrorHandler().handleExecutionException(failure, command, null));
    assertEquals("error: DJL could not load its PyTorch engine: Failed to save pytorch index file"
        + " (java.net.UnknownHostException: publish.djl.ai); ./diffusion doctor shows what it runs on"
        + System.lineSeparator(), err.toString());
  }
}
