package org.modulardiffusion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
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
    assertEquals("error: DJL could not load its PyTorch engine: DJL downloads PyTorch's natives on first use and could"
        + " not reach its server (java.net.UnknownHostException: publish.djl.ai); without a network, run on the CPU"
        + " (no GPU asked for) or on an installed PyTorch (README, \"Running on a GPU\"); ./diffusion doctor shows"
        + " what it runs on" + System.lineSeparator(), err.toString());
  }

  @Test
  void anOperationThatFailsInPyTorchIsUnexpectedAndKeepsItsTrace() {
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new Diffusion()).setErr(new PrintWriter(err, true));
    EngineException failure;
    try (NDManager manager = NDManager.newBaseManager()) {
      failure = assertThrows(EngineException.class, () -> manager.ones(new Shape(3)).add(manager.ones(new Shape(4))));
    }
    assertEquals(ErrorHandler.FAILURE, new ErrorHandler().handleExecutionException(failure, command, null));
    String[] lines = err.toString().split(System.lineSeparator());
    assertEquals("error: unexpected failure; please report it with this trace:", lines[0]);
    assertTrue(lines[1].startsWith(EngineException.class.getName() + ": The size of tensor a (3) must match"), lines[1]);
  }
}
