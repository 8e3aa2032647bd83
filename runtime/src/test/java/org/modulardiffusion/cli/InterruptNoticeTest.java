package org.modulardiffusion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.modulardiffusion.progress.SamplingProgress;
import org.modulardiffusion.train.TrainingListener.Step;

/**
 * {@link InterruptNotice} holds a stopped run at a step, a training step or a sampling step of an
 * epoch's samples, so that its notice is the run's last word.
 */
class InterruptNoticeTest {
  @TempDir Path folder;

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  @Timeout(value = 1, unit = TimeUnit.MINUTES)
  void aStoppedRunIsHeldAtItsNextStepBeforeTheNoticeIsTold(boolean sampling) throws Exception {
    Path out = folder.resolve("run");
    InterruptNotice notice = new InterruptNotice(new RunFolder(out));
    notice.onEpochBegin(null, 3);
    SamplingProgress samples = notice.holding(SamplingProgress.none());
    AtomicInteger steps = new AtomicInteger();
    Thread run = new Thread(() -> {
      for (int step = 1; ; step++) {
        if (sampling) { // the samples of an epoch
          samples.onStep(step, 1000);
        } else {
          notice.onStep(null, new Step(3, step, 1000, 0.5f, 1e-4));
        }
        steps.incrementAndGet();
      }
    });
    run.setDaemon(true); // held until the test's JVM ends
    run.start();
    while (steps.get() < 10) {
      Thread.onSpinWait();
    }

    PrintStream err = System.err;
    ByteArrayOutputStream told = new ByteArrayOutputStream();
    System.setErr(new PrintStream(told, true, StandardCharsets.UTF_8));
    try {
      notice.tell();
    } finally {
      System.setErr(err);
    }
    int afterNotice = steps.get();
    run.join(200);

    assertEquals(Thread.State.TIMED_WAITING, run.getState());
    assertEquals(afterNotice, steps.get(), "steps taken after the notice");
    assertEquals(System.lineSeparator() + "interrupted in epoch 3; ./diffusion train --resume --out " + out
        + " goes on from the latest checkpoint it wrote" + System.lineSeparator(), told.toString(StandardCharsets.UTF_8));
  }
}
