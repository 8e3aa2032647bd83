package org.modulardiffusion.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.modulardiffusion.base.Net;

/**
 * What the parameter count of the memory check sees, without allocating what it counts, and how
 * it refuses a net too large: naming the setting that makes the difference.
 */
class MemoryBudgetTest {

  @Test
  void aLayerAddedWhileTheBlockIsInitializedIsCountedToo() {
    try (NDManager manager = NDManager.newBaseManager()) {
      GrowingBlock block = new GrowingBlock();
      Shape input = new Shape(2, 5);
      // Linear(3) on 5 inputs: 3·5 + 3 = 18; the Linear(7) added at initialization, on 3: 7·3 + 7 = 28.
      assertEquals(BigInteger.valueOf(18 + 28), MemoryBudget.count(block, manager, new Shape[] {input}, "net").values());
      assertFalse(block.isInitialized(), "the count leaves the block as it found it");
      block.initialize(manager, DataType.FLOAT32, input);
      NDList out = block.forward(new ParameterStore(manager, false), new NDList(manager.ones(input)), false);
      assertArrayEquals(new long[] {2, 7}, out.singletonOrThrow().getShape().getShape());
    }
  }

  @Test
  void theOneSettingThatMakesTheNetTooLargeIsNamedWithItsValue() {
    // 10^13 values, 16 bytes each in training: 149,011.6 GiB, more than any machine has; with a
    // at its default, 1, a single value. A setting whose default the net refuses is passed over.
    String message = refusal(new Table(10_000_000_000_000L, 1), List.of(
        new NetSetting("net.a", "10000000000000", () -> new Table(1, 1)),
        new NetSetting("net.c", "2", () -> {
          throw new IllegalArgumentException("c refuses its default with these a and b");
        })));
    assertEquals("net.a: 10000000000000 gives net (Table) 10,000,000,000,000 parameters, which would need 149,011.6 GiB"
        + " to train (the largest, weight, has shape (10000000000000, 1)), more than the " + AVAILABLE
        + " GiB available on this machine; at its default the net would fit", masked(message));
  }

  @Test
  void settingsThatEachAloneMakeTheNetTooLargeAreNamedTogether() {
    // 10^7 × 10^7 = 10^14 values: 1,490,116.1 GiB; either at its default, 1, leaves 10^7 values, 160 MB.
    String message = refusal(new Table(10_000_000, 10_000_000), List.of(
        new NetSetting("net.a", "10000000", () -> new Table(1, 10_000_000)),
        new NetSetting("net.b", "10000000", () -> new Table(10_000_000, 1))));
    assertEquals("net (Table): it has 100,000,000,000,000 parameters, which would need 1,490,116.1 GiB to train (the"
        + " largest, weight, has shape (10000000, 10000000)), more than the " + AVAILABLE + " GiB available on this"
        + " machine; any one of net.a, net.b at its default would make it fit", masked(message));
  }

  @Test
  void whenNoSettingAloneMakesTheDifferenceTheRefusalSaysSo() {
    // 10^6 · 10^6 · 10^6 = 10^18 values, 16 bytes each: 14,901,161,193.8 GiB. With either a or b at
    // its default, 1, the others still have 10^12 values: 14,901.2 GiB.
    String message = refusal(new Table(1_000_000, 1_000_000, 1_000_000), List.of(
        new NetSetting("net.a", "1000000", () -> new Table(1, 1_000_000, 1_000_000)),
        new NetSetting("net.b", "1000000", () -> new Table(1_000_000, 1, 1_000_000))));
    assertEquals("net (Table): it has 1,000,000,000,000,000,000 parameters, which would need 14,901,161,193.8 GiB to"
        + " train (the largest, weight, has shape (1000000, 1000000, 1000000)), more than the " + AVAILABLE + " GiB"
        + " available on this machine; no one of its settings at its default would make it fit; make the net smaller",
        masked(message));
  }

  @Test
  void withoutSettingsTheRefusalNamesTheNet() {
    String message = refusal(new Table(10_000_000_000_000L, 1), List.of());
    assertEquals("net (Table): it has 10,000,000,000,000 parameters, which would need 149,011.6 GiB to train (the"
        + " largest, weight, has shape (10000000000000, 1)), more than the " + AVAILABLE + " GiB available on this"
        + " machine; make the net smaller", masked(message));
  }

  @Test
  void aParameterTooLargeForPyTorchToDescribeGivesALowerBound() {
    // 10^13 · 10^13 = 10^26 values, more than a long holds (2^63 ≈ 9.2 · 10^18), so PyTorch cannot
    // even make a placeholder of its shape; 16 bytes each over 2^30 a GiB: 1,490,116,119,384,765,625 GiB exactly.
    String message = refusal(new Table(10_000_000_000_000L, 10_000_000_000_000L), List.of());
    assertEquals("net (Table): it has at least 100,000,000,000,000,000,000,000,000 parameters, which would need at"
        + " least 1,490,116,119,384,765,625.0 GiB to train (the largest counted, weight, has shape (10000000000000,"
        + " 10000000000000)), more than the " + AVAILABLE + " GiB available on this machine; make the net smaller",
        masked(message));
  }

  /** What the memory would be, in the messages: the machine's own figure, masked. */
  private static final String AVAILABLE = "N";

  private static String masked(String message) {
    return message.replaceFirst("more than the [0-9,.]+ GiB", "more than the " + AVAILABLE + " GiB");
  }

  private static String refusal(Net net, List<NetSetting> settings) {
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      Shape[] inputs = {new Shape(1, 1), new Shape(1), new Shape(1)};
      return assertThrows(IllegalArgumentException.class,
          () -> MemoryBudget.checkParameters(net, manager, inputs, "net (Table)", settings)).getMessage();
    }
  }

  /** A net with one weight of the shape given, and nothing else. */
  private static final class Table extends Net {
    Table(long... shape) {
      addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).optShape(new Shape(shape)).build());
    }

    @Override
    public NDArray forward(ParameterStore parameters, NDArray x, NDArray y, NDArray t, boolean training) {
      throw new UnsupportedOperationException("only counted");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
      return new Shape[] {inputShapes[0]};
    }
  }

  /** A Linear(3) from the start, and a Linear(7) that only initialization adds, as Mlp's output layer. */
  private static final class GrowingBlock extends AbstractBlock {
    private final SequentialBlock layers = addChildBlock("layers", new SequentialBlock());

    GrowingBlock() {
      layers.add(Linear.builder().setUnits(3).build());
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
      if (layers.getChildren().size() == 1) {
        layers.add(Linear.builder().setUnits(7).build());
      }
      layers.initialize(manager, dataType, inputShapes);
    }

    @Override
    protected NDList forwardInternal(
        ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
      return layers.forward(store, inputs, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
      return layers.getOutputShapes(inputShapes);
    }
  }
}
