package org.modulardiffusion.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.junit.jupiter.api.Test;

/** What the parameter count of the memory check sees, without allocating what it counts. */
class MemoryBudgetTest {

  @Test
  void aLayerAddedWhileTheBlockIsInitializedIsCountedToo() {
    try (NDManager manager = NDManager.newBaseManager()) {
      GrowingBlock block = new GrowingBlock();
      Shape input = new Shape(2, 5);
      // Linear(3) on 5 inputs: 3·5 + 3 = 18; the Linear(7) added at initialization, on 3: 7·3 + 7 = 28.
      assertEquals(18 + 28, MemoryBudget.count(block, manager, new Shape[] {input}, "net").floats());
      assertFalse(block.isInitialized(), "the count leaves the block as it found it");
      block.initialize(manager, DataType.FLOAT32, input);
      NDList out = block.forward(new ParameterStore(manager, false), new NDList(manager.ones(input)), false);
      assertArrayEquals(new long[] {2, 7}, out.singletonOrThrow().getShape().getShape());
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
