package org.modulardiffusion.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UNetTest {

  /** Small enough to run in milliseconds: three levels, one halving, every part present. */
  private static UNet tiny(int labels, int parameters) {
    return new UNet(new int[] {1, 8, 16, 32}, labels, parameters, 16, 2, 4);
  }

  @Test
  void channelsBuiltInJavaMeetTheirParamAndTheirLength() {
    // @Param(min = 1) holds for each width; the list's length, the image's and a level's, is the constructor's.
    assertEquals("channels[2]: expected a finite value in [1, inf], got 0",
        assertThrows(IllegalArgumentException.class, () -> new UNet(new int[] {1, 8, 0}, 0, 1, 16, 2, 4)).getMessage());
    assertEquals("channels needs the image's and at least one level's, got 1",
        assertThrows(IllegalArgumentException.class, () -> new UNet(new int[] {1}, 0, 1, 16, 2, 4)).getMessage());
  }

  @Test
  void countsAsManyParametersAsThePythonLibrary() {
    Shape t = new Shape(2);
    assertEquals(594_305, NetChecks.count(UNet.of(1, 32, 64), new Shape(2, 1, 28, 28), t, t));
    assertEquals(
        8_763_393,
        NetChecks.count(
            new UNet(new int[] {1, 64, 128, 256}, 10, 1, 256, 8, 16), new Shape(2, 1, 28, 28), t, t));
    assertEquals(8_763_139, NetChecks.count(UNet.of(3, 64, 128, 256), new Shape(2, 3, 32, 32), t, t));
  }

  @ParameterizedTest
  @CsvSource({"8, 8", "7, 7", "6, 5", "5, 9", "1, 1"})
  void predictsEachParameterForEveryPixelOfEvenAndOddImages(int height, int width) {
    try (NDManager manager = NDManager.newBaseManager()) {
      for (UNet net : List.of(tiny(3, 2), new UNet(new int[] {1, 8, 16}, 3, 2, 16, 2, 4))) {
        Shape x = new Shape(3, 1, height, width);
        NDArray hat = forward(net, manager, x, new long[] {0, 1, 3}, new long[] {1, 10, 1000});
        assertEquals(new Shape(2, 3, 1, height, width), hat.getShape());
        assertEquals(new Shape(2, 3, 1, height, width), net.getOutputShapes(new Shape[] {x, null, null})[0]);
      }
    }
  }

  @Test
  void predictsSomethingElseForAnotherLabelOrTime() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(1);
      UNet net = tiny(2, 1);
      NDArray x = manager.randomNormal(new Shape(1, 1, 6, 6)).repeat(0, 3);
      NDArray hat = forward(net, manager, x, new long[] {1, 2, 1}, new long[] {10, 10, 500});
      assertTrue(hat.get(":, 0").sub(hat.get(":, 1")).abs().max().getFloat() > 1e-3, "label ignored");
      assertTrue(hat.get(":, 0").sub(hat.get(":, 2")).abs().max().getFloat() > 1e-3, "time ignored");
    }
  }

  @Test
  void givesEveryParameterAGradientAndLeavesNoArraysBehind() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(2);
      UNet net = tiny(2, 2);
      NDArray x = manager.randomNormal(new Shape(2, 1, 7, 7));
      NDArray y = manager.create(new long[] {1, 2});
      NDArray t = manager.create(new long[] {3, 700});
      net.initialize(manager, DataType.FLOAT32, x.getShape(), y.getShape(), t.getShape());
      assertEquals(List.of(), NetChecks.parametersWithoutGradient(net, manager, x, y, t));
      NetChecks.assertForwardLeavesNothing(net, manager, x, y, t);
    }
  }

  @Test
  void overfitsAHandfulOfImages() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(3);
      UNet net = tiny(2, 1);
      NDArray x = manager.randomNormal(new Shape(4, 1, 8, 8));
      NDArray y = manager.create(new long[] {1, 2, 1, 2});
      NDArray t = manager.create(new long[] {5, 50, 500, 900});
      NDArray target = manager.randomNormal(new Shape(4, 1, 8, 8));
      net.initialize(manager, DataType.FLOAT32, x.getShape(), y.getShape(), t.getShape());
      // Standard normal targets: predicting their mean, 0, costs a squared error of about 1.
      // Below 0.05 the net has learnt 95% of the targets' variance by heart: it memorizes.
      float loss = NetChecks.fit(net, manager, x, y, t, target, 40, 3e-3f);
      assertTrue(loss < 0.05, "loss after 40 steps: " + loss);
    }
  }

  @Test
  void attentionHandsOnAnImageLaidOutAsAnImage() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Shape shape = new Shape(2, 8, 3, 5);
      UNet.Attention attention = new UNet.Attention(8, 2);
      attention.initialize(manager, DataType.FLOAT32, shape);
      NDArray image = attention.forward(new ParameterStore(manager, false), manager.randomNormal(shape), false);
      assertEquals(shape, image.getShape());
      // One row of an array is a view of it where its values lie in row-major order, and a copy
      // otherwise: zeroing the row zeroes the image only where it is laid out as [b, c, h, w].
      image.reshape(-1).muli(0);
      assertEquals(0f, image.abs().sum().getFloat());
    }
  }

  private static NDArray forward(UNet net, NDManager manager, Shape x, long[] y, long[] t) {
    return forward(net, manager, manager.randomNormal(x), y, t);
  }

  private static NDArray forward(UNet net, NDManager manager, NDArray x, long[] y, long[] t) {
    NDArray labels = manager.create(y);
    NDArray times = manager.create(t);
    net.initialize(manager, DataType.FLOAT32, x.getShape(), labels.getShape(), times.getShape());
    return net.forward(new ParameterStore(manager, false), x, labels, times, false);
  }
}
