package org.modulardiffusion.net;

import static org.modulardiffusion.nn.Activations.fastGelu;
import static org.modulardiffusion.nn.Activations.silu;
import static org.modulardiffusion.nn.UnaryBlock.apply;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.modulardiffusion.annotation.NetModule;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.base.Net;
import org.modulardiffusion.nn.Embedding;
import org.modulardiffusion.nn.Initialization;
import org.modulardiffusion.nn.Intermediates;
import org.modulardiffusion.nn.MultiHeadAttention;
import org.modulardiffusion.nn.SinusoidalEmbedding;

/**
 * A diffusion transformer for sequences x, [b, l, input] (Peebles and Xie, 2023): x is projected
 * to the width and given sinusoidal position embeddings, passes through {@code depth} blocks with
 * adaptive layer norm conditioned on c = label embedding + sinusoidal time embedding, and is
 * projected back to [parameters, b, l, input].
 */
@NetModule
public final class Transformer extends Net {
  /** Default number of labels (0: unconditional, only the "no label" embedding). */
  public static final int LABELS = 0;
  /** Default number of predicted parameters. */
  public static final int PARAMETERS = 1;
  /** Default number of blocks. */
  public static final int DEPTH = 6;
  /** Default width of the sequence's vectors inside the net. */
  public static final int WIDTH = 256;
  /** Default number of attention heads. */
  public static final int HEADS = 8;

  private final int input;
  private final int parameters;
  private final Linear in;
  private final SinusoidalEmbedding position;
  private final Embedding label;
  private final boolean conditional;
  private final SinusoidalEmbedding time;
  private final List<Block> blocks = new ArrayList<>();
  private final Linear out;

  /**
   * A transformer for vectors of {@code input} values, for {@code labels} labels (plus the "no
   * label" 0), predicting {@code parameters} parameters, with {@code depth} blocks of width
   * {@code width} and {@code heads} attention heads.
   *
   * @param input the values of each vector of the sequence
   * @param labels labels to condition on, 1..labels; 0 for none
   * @param parameters parameters predicted per value
   * @param depth the number of blocks
   * @param width the width of the vectors inside the net
   * @param heads attention heads; they divide the width
   */
  public Transformer(
      @Param(min = 1, description = "the values of each vector of the sequence") int input,
      @Param(defaultValue = "" + LABELS, min = 0, description = "labels to condition on, 1..labels; 0 for none") int labels,
      @Param(defaultValue = "" + PARAMETERS, min = 1, description = "parameters predicted per value") int parameters,
      @Param(defaultValue = "" + DEPTH, min = 1, max = 1000, description = "the number of blocks") int depth,
      @Param(defaultValue = "" + WIDTH, min = 1, description = "the width of the vectors inside the net") int width,
      @Param(defaultValue = "" + HEADS, min = 1, description = "attention heads; they divide the width") int heads) {
    Transformer_Parameters.check(input, labels, parameters, depth, width, heads);
    this.input = input;
    this.parameters = parameters;
    this.in = addChildBlock("in", Linear.builder().setUnits(width).build());
    this.position = addChildBlock("position", new SinusoidalEmbedding(width));
    this.label = addChildBlock("label", new Embedding(labels + 1, width));
    this.conditional = labels > 0;
    this.time = addChildBlock("time", new SinusoidalEmbedding(width));
    for (int i = 1; i <= depth; i++) {
      blocks.add(addChildBlock("block" + i, new Block(width, heads)));
    }
    this.out = addChildBlock("out", Linear.builder().setUnits((long) input * parameters).build());
    Initialization.likePyTorch(this);
  }

  /**
   * A transformer with the Python library's defaults for everything but the input width.
   *
   * @param input the values of each vector of the sequence
   * @return the transformer
   */
  public static Transformer of(int input) {
    return new Transformer(input, LABELS, PARAMETERS, DEPTH, WIDTH, HEADS);
  }

  @Override
  public boolean readsLabels() {
    return conditional;
  }

  @Override
  public NDArray forward(ParameterStore ps, NDArray x, NDArray y, NDArray t, boolean training) {
    Shape shape = x.getShape();
    NDArray positions = x.getManager().arange(Math.toIntExact(shape.get(1)));
    x = apply(in, ps, x, training).add(position.forward(ps, positions, training));
    // An unconditional net sees every example as unlabelled, whatever the data set's labels.
    NDArray c = label.forward(ps, conditional ? y : y.zerosLike(), training).add(time.forward(ps, t, training));
    // Every block reads silu(c): computed once, not once per block.
    NDArray activated = silu(c);
    for (Block block : blocks) {
      x = block.forward(ps, x, activated, training);
    }
    return apply(out, ps, x, training)
        .reshape(shape.get(0), shape.get(1), parameters, input)
        .transpose(2, 0, 1, 3);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    Shape x = shapes[0];
    in.initialize(manager, dataType, x);
    Shape hidden = in.getOutputShapes(new Shape[] {x})[0];
    position.initialize(manager, dataType, new Shape(x.get(1)));
    label.initialize(manager, dataType, shapes[1]);
    time.initialize(manager, dataType, shapes[2]);
    Shape c = time.getOutputShapes(new Shape[] {shapes[2]})[0];
    for (Block block : blocks) {
      block.initialize(manager, dataType, hidden, c);
    }
    out.initialize(manager, dataType, hidden);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(parameters).addAll(inputShapes[0])};
  }

  /**
   * A block with adaptive layer norm: from the condition, (α, β, γ, δ, ε, ζ) = linear(silu(c));
   * then x ← x + α attention(β norm(x) + γ) and x ← x + δ mlp(ε norm(x) + ζ), where the MLP
   * widens fourfold with the GELU approximation u σ(1.702 u).
   */
  private static final class Block extends AbstractBlock {
    private final Linear modulation;
    private final LayerNorm norm1;
    private final MultiHeadAttention attention;
    private final LayerNorm norm2;
    private final Linear widen;
    private final Linear narrow;

    Block(int width, int heads) {
      this.modulation = addChildBlock("modulation", Linear.builder().setUnits(6L * width).build());
      this.norm1 = addChildBlock("norm1", LayerNorm.builder().axis(2).build());
      this.attention = addChildBlock("attention", new MultiHeadAttention(width, heads));
      this.norm2 = addChildBlock("norm2", LayerNorm.builder().axis(2).build());
      this.widen = addChildBlock("widen", Linear.builder().setUnits(4L * width).build());
      this.narrow = addChildBlock("narrow", Linear.builder().setUnits(width).build());
    }

    /**
     * The block's output for x given silu(c), the activated condition; its intermediate arrays are
     * freed when it is done ({@link Intermediates}).
     */
    NDArray forward(ParameterStore ps, NDArray x, NDArray activated, boolean training) {
      return Intermediates.freed(() -> {
        NDList m = apply(modulation, ps, activated, training).expandDims(1).split(6, 2);
        NDArray attended = attention.forward(ps, modulate(apply(norm1, ps, x, training), m, 1), training);
        NDArray mid = x.add(m.get(0).mul(attended));
        NDArray wide = apply(widen, ps, modulate(apply(norm2, ps, mid, training), m, 4), training);
        return mid.add(m.get(3).mul(apply(narrow, ps, fastGelu(wide), training)));
      });
    }

    /** The normalized x scaled by m[i] and shifted by m[i + 1]. */
    private static NDArray modulate(NDArray normalized, NDList m, int i) {
      return normalized.mul(m.get(i)).add(m.get(i + 1));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
      Shape x = shapes[0];
      modulation.initialize(manager, dataType, shapes[1]);
      norm1.initialize(manager, dataType, x);
      attention.initialize(manager, dataType, x);
      norm2.initialize(manager, dataType, x);
      widen.initialize(manager, dataType, x);
      narrow.initialize(manager, dataType, widen.getOutputShapes(new Shape[] {x})[0]);
    }

    @Override
    protected NDList forwardInternal(
        ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
      return new NDList(forward(ps, inputs.get(0), silu(inputs.get(1)), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
      return new Shape[] {inputShapes[0]};
    }
  }
}
