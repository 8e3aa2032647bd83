package org.modulardiffusion.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransformerTest {

  /** Small enough to run in milliseconds: two blocks of width 16 with 4 heads. */
  private static Transformer tiny(int labels, int parameters) {
    return new Transformer(4, labels, parameters, 2, 16, 4);
  }

  @Test
  void countsAsManyParametersAsThePythonLibrary() {
    Shape t = new Shape(2);
    assertEquals(4_755_232, NetChecks.count(new Transformer(32, 0, 1, 4, 256, 8), new Shape(2, 64, 32), t, t));
    assertEquals(4_771_648, NetChecks.count(new Transformer(64, 0, 1, 4, 256, 8), new Shape(2, 64, 64), t, t));
    assertEquals(
        302_369_824, NetChecks.count(new Transformer(32, 0, 1, 16, 1024, 16), new Shape(2, 64, 32), t, t));
  }

  @Test
  void predictsEachParameterForEveryPositionOfAnyLength() {
    try (NDManager manager = NDManager.newBaseManager()) {
      for (int length : new int[] {1, 5, 8}) {
        Transformer net = tiny(3, 2);
        Shape x = new Shape(3, length, 4);
        NDArray hat = forward(net, manager, manager.randomNormal(x), new long[] {0, 1, 3}, new long[] {1, 10, 1000});
        assertEquals(new Shape(2, 3, length, 4), hat.getShape());
        assertEquals(new Shape(2, 3, length, 4), net.getOutputShapes(new Shape[] {x, null, null})[0]);
      }
    }
  }

  @Test
  void predictsSomethingElseForAnotherLabelOrTime() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(1);
      NDArray x = manager.randomNormal(new Shape(1, 5, 4)).repeat(0, 3);
      NDArray hat = forward(tiny(2, 1), manager, x, new long[] {1, 2, 1}, new long[] {10, 10, 500});
      assertTrue(hat.get(":, 0").sub(hat.get(":, 1")).abs().max().getFloat() > 1e-3, "label ignored");
      assertTrue(hat.get(":, 0").sub(hat.get(":, 2")).abs().max().getFloat() > 1e-3, "time ignored");
    }
  }

  @Test
  void givesEveryParameterAGradientAndLeavesNoArraysBehind() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(2);
      Transformer net = tiny(2, 2);
      NDArray x = manager.randomNormal(new Shape(2, 5, 4));
      NDArray y = manager.create(new long[] {1, 2});
      NDArray t = manager.create(new long[] {3, 700});
      net.initialize(manager, DataType.FLOAT32, x.getShape(), y.getShape(), t.getShape());
      assertEquals(List.of(), NetChecks.parametersWithoutGradient(net, manager, x, y, t));
      NetChecks.assertForwardLeavesNothing(net, manager, x, y, t);
    }
  }

  @Test
  void overfitsAHandfulOfSequences() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(3);
      Transformer net = tiny(2, 1);
      NDArray x = manager.randomNormal(new Shape(4, 6, 4));
      NDArray y = manager.create(new long[] {1, 2, 1, 2});
      NDArray t = manager.create(new long[] {5, 50, 500, 900});
      NDArray target = manager.randomNormal(new Shape(4, 6, 4));
      net.initialize(manager, DataType.FLOAT32, x.getShape(), y.getShape(), t.getShape());
      // Standard normal targets: predicting their mean, 0, costs a squared error of about 1.
      // Below 0.05 the net has learnt 95% of the targets' variance by heart: it memorizes.
      float loss = NetChecks.fit(net, manager, x, y, t, target, 100, 1e-2f);
      assertTrue(loss < 0.05, "loss after 100 steps: " + loss);
    }
  }

  private static NDArray forward(Transformer net, NDManager manager, NDArray x, long[] y, long[] t) {
    NDArray labels = manager.create(y);
    NDArray times = manager.create(t);
    net.initialize(manager, DataType.FLOAT32, x.getShape(), labels.getShape(), times.getShape());
    return net.forward(new ParameterStore(manager, false), x, labels, times, false);
  }
}
