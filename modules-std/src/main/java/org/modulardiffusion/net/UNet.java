package org.modulardiffusion.net;

import static org.modulardiffusion.nn.Activations.silu;
import static org.modulardiffusion.nn.UnaryBlock.apply;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.modulardiffusion.annotation.NetModule;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.base.Net;
import org.modulardiffusion.nn.Embedding;
import org.modulardiffusion.nn.GroupNorm;
import org.modulardiffusion.nn.Initialization;
import org.modulardiffusion.nn.Intermediates;
import org.modulardiffusion.nn.MultiHeadAttention;
import org.modulardiffusion.nn.PixelUnshuffle;
import org.modulardiffusion.nn.SinusoidalEmbedding;
import org.modulardiffusion.nn.UnaryBlock;
import org.modulardiffusion.nn.Upsample;
import org.modulardiffusion.nn.WeightStandardizedConv2d;
import org.modulardiffusion.nn.Scalars;

/**
 * A U-Net for images x, [b, channels[0], h, w], after "The Annotated Diffusion Model": an
 * encoder and a decoder level for each pair of consecutive widths channels[1..], each with two
 * conditioned convolution blocks and a residual self-attention, joined by skip connections and a
 * block–attention–block bottleneck. Every encoder level but the last halves the image (pixel
 * unshuffle, then a 1×1 convolution) and the matching decoder level doubles it again (nearest
 * neighbour, then a 3×3 convolution). The label and time embeddings are summed into a condition c
 * that scales and shifts the features of every block. The prediction is
 * [parameters, b, channels[0], h, w]; odd sizes are padded on the way down and cropped on the way up.
 */
@NetModule(name = "unet")
public final class UNet extends Net {
  /** Default number of labels (0: unconditional, only the "no label" embedding). */
  public static final int LABELS = 0;
  /** Default number of predicted parameters. */
  public static final int PARAMETERS = 1;
  /** Default width of the condition (label and time embeddings). */
  public static final int HIDDEN = 256;
  /** Default number of attention heads. */
  public static final int HEADS = 8;
  /** Default number of group-norm groups. */
  public static final int GROUPS = 16;

  private final int[] channels;
  private final int parameters;
  private final Embedding label;
  private final boolean conditional;
  private final SinusoidalEmbedding time;
  private final Conv2d input;
  private final List<Level> encoder = new ArrayList<>();
  private final Block middle1;
  private final Attention middleAttention;
  private final Block middle2;
  private final List<Level> decoder = new ArrayList<>();
  private final Conv2d output;

  /**
   * A U-Net whose image has channels[0] channels and whose levels have the widths channels[1..],
   * for {@code labels} labels (plus the "no label" 0), predicting {@code parameters} parameters,
   * with a condition of width {@code hidden}, attention with {@code heads} heads and group norm
   * with {@code groups} groups.
   *
   * @param channels the image's channels, then the width of each level, e.g. [1, 32, 64]
   * @param labels labels to condition on, 1..labels; 0 for none
   * @param parameters parameters predicted per pixel
   * @param hidden the width of the label and time condition
   * @param heads attention heads
   * @param groups group-norm groups; they divide every level's width
   */
  public UNet(
      @Param(min = 1, description = "the image's channels, then the width of each level, e.g. [1, 32, 64]") int[] channels,
      @Param(defaultValue = "" + LABELS, min = 0, description = "labels to condition on, 1..labels; 0 for none") int labels,
      @Param(defaultValue = "" + PARAMETERS, min = 1, description = "parameters predicted per pixel") int parameters,
      @Param(defaultValue = "" + HIDDEN, min = 1, description = "the width of the label and time condition") int hidden,
      @Param(defaultValue = "" + HEADS, min = 1, description = "attention heads") int heads,
      @Param(defaultValue = "" + GROUPS, min = 1, description = "group-norm groups; they divide every level's width") int groups) {
    UNet_Parameters.check(channels, labels, parameters, hidden, heads, groups);
    if (channels.length < 2) {
      throw new IllegalArgumentException("channels needs the image's and at least one level's, got "
          + channels.length);
    }
    int last = channels[channels.length - 1];
    this.channels = channels.clone();
    this.parameters = parameters;
    this.label = addChildBlock("label", new Embedding(labels + 1, hidden));
    this.conditional = labels > 0;
    this.time = addChildBlock("time", new SinusoidalEmbedding(hidden));
    this.input = addChildBlock("input", conv(channels[1], 3));
    for (int k = 1; k + 1 < channels.length; k++) {
      int width = channels[k];
      boolean down = channels[k + 1] < last;
      UnaryBlock resize = down ? new PixelUnshuffle(2) : null;
      encoder.add(addChildBlock("encoder" + k, new Level(width, heads, groups, true, resize, conv(channels[k + 1], 1))));
    }
    this.middle1 = addChildBlock("middle1", new Block(last, groups));
    this.middleAttention = addChildBlock("middleAttention", new Attention(last, heads));
    this.middle2 = addChildBlock("middle2", new Block(last, groups));
    for (int k = channels.length - 1; k >= 2; k--) {
      int width = channels[k];
      boolean up = channels[k - 1] > channels[1];
      UnaryBlock resize = up ? new Upsample(2) : null;
      decoder.add(addChildBlock("decoder" + k, new Level(width, heads, groups, false, resize, conv(channels[k - 1], 3))));
    }
    this.output = addChildBlock("output", conv(parameters * channels[0], 3));
    Initialization.likePyTorch(this);
  }

  /**
   * A U-Net with the Python library's defaults for everything but the channels.
   *
   * @param channels the image's channels, then the width of each level, e.g. [1, 32, 64]
   * @return the U-Net
   */
  public static UNet of(int... channels) {
    return new UNet(channels, LABELS, PARAMETERS, HIDDEN, HEADS, GROUPS);
  }

  private static Conv2d conv(int filters, int kernel) {
    int padding = kernel / 2;
    return Conv2d.builder()
        .setFilters(filters)
        .setKernelShape(new Shape(kernel, kernel))
        .optPadding(new Shape(padding, padding))
        .build();
  }

  @Override
  public boolean readsLabels() {
    return conditional;
  }

  @Override
  public NDArray forward(ParameterStore ps, NDArray x, NDArray y, NDArray t, boolean training) {
    Shape shape = x.getShape();
    // An unconditional net sees every example as unlabelled, whatever the data set's labels.
    NDArray c = label.forward(ps, conditional ? y : y.zerosLike(), training).add(time.forward(ps, t, training));
    Deque<NDArray> skips = new ArrayDeque<>();
    x = apply(input, ps, x, training);
    for (Level level : encoder) {
      x = level.block1.forward(ps, x, c, training);
      skips.push(x);
      x = level.attend(ps, level.block2.forward(ps, x, c, training), training);
      skips.push(x);
      x = level.resample(ps, x, training);
    }
    x = middle1.forward(ps, x, c, training);
    x = middleAttention.forward(ps, x, training);
    x = middle2.forward(ps, x, c, training);
    for (Level level : decoder) {
      Shape size = skips.peek().getShape();
      x = x.get(":, :, :{}, :{}", size.get(2), size.get(3)); // undoes the padding
      x = level.block1.forward(ps, x, skips.pop(), c, training);
      x = level.block2.forward(ps, x, skips.pop(), c, training);
      x = level.resample(ps, level.attend(ps, x, training), training);
    }
    x = apply(output, ps, x, training);
    return x.reshape(shape.get(0), parameters, shape.get(1), shape.get(2), shape.get(3))
        .transpose(1, 0, 2, 3, 4);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    Shape x = shapes[0];
    Shape c = time.getOutputShapes(new Shape[] {shapes[2]})[0];
    label.initialize(manager, dataType, shapes[1]);
    time.initialize(manager, dataType, shapes[2]);
    input.initialize(manager, dataType, x);
    // Parameter shapes depend on channels only: every level is initialized on a 2×2 image.
    for (int k = 1; k <= encoder.size(); k++) {
      encoder.get(k - 1).initialize(manager, dataType, image(x, channels[k]), image(x, channels[k]), c);
    }
    Shape last = image(x, channels[channels.length - 1]);
    middle1.initialize(manager, dataType, last, c);
    middleAttention.initialize(manager, dataType, last);
    middle2.initialize(manager, dataType, last, c);
    for (int i = 0; i < decoder.size(); i++) {
      int k = channels.length - 1 - i;
      decoder.get(i).initialize(
          manager, dataType, image(x, channels[k] + channels[k - 1]), image(x, channels[k]), c);
    }
    output.initialize(manager, dataType, image(x, channels[1]));
  }

  private static Shape image(Shape x, long channels) {
    return new Shape(x.get(0), channels, 2, 2);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(parameters).addAll(inputShapes[0])};
  }

  /**
   * One encoder or decoder level: two blocks, a residual attention, then a resampling. Each part
   * frees its intermediate arrays when it is done ({@link Intermediates}).
   */
  private static final class Level extends AbstractBlock {
    final Block block1;
    final Block block2;
    final Attention attention;
    final GroupNorm norm;
    final boolean encoding;
    final UnaryBlock resize;
    final Conv2d conv;

    /** A level of the encoder when {@code encoding}, else of the decoder. */
    Level(int width, int heads, int groups, boolean encoding, UnaryBlock resize, Conv2d conv) {
      this.encoding = encoding;
      this.block1 = addChildBlock("block1", new Block(width, groups));
      this.block2 = addChildBlock("block2", new Block(width, groups));
      this.attention = addChildBlock("attention", new Attention(width, heads));
      this.norm = addChildBlock("norm", new GroupNorm(groups));
      this.resize = resize == null ? null : addChildBlock("resize", resize);
      this.conv = addChildBlock("conv", conv);
    }

    /** x + attention(norm(x)). */
    NDArray attend(ParameterStore ps, NDArray x, boolean training) {
      return Intermediates.freed(() -> attention.forward(ps, norm.forward(ps, x, training), training).add(x));
    }

    /** The level's change of size and width. */
    NDArray resample(ParameterStore ps, NDArray x, boolean training) {
      return Intermediates.freed(() -> {
        NDArray even = encoding ? evenSized(x) : x;
        return apply(conv, ps, resize == null ? even : resize.forward(ps, even, training), training);
      });
    }

    /**
     * x with a row or column of zeros where its height or width is odd, as in the Python library
     * (which pads each axis by the other's parity: the same for square images, a crash otherwise).
     */
    private static NDArray evenSized(NDArray x) {
      Shape size = x.getShape();
      long rows = size.get(2) % 2;
      long columns = size.get(3) % 2;
      return rows == 0 && columns == 0 ? x : x.pad(new Shape(0, columns, 0, rows), 0);
    }

    /** Initializes the level for blocks' input [b, in, h, w], features [b, width, h, w] and c. */
    void initialize(NDManager manager, DataType dataType, Shape in, Shape features, Shape c) {
      block1.initialize(manager, dataType, in, c);
      block2.initialize(manager, dataType, in, c);
      attention.initialize(manager, dataType, features);
      norm.initialize(manager, dataType, features);
      Shape resampled = features;
      if (resize != null) {
        resize.initialize(manager, dataType, features);
        resampled = resize.getOutputShapes(new Shape[] {features})[0];
      }
      conv.initialize(manager, dataType, resampled);
    }

    @Override
    protected NDList forwardInternal(
        ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
      throw new UnsupportedOperationException("a level is run by its U-Net");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
      throw new UnsupportedOperationException("a level is run by its U-Net");
    }
  }

  /**
   * A conditioned block: x ↦ silu(norm(conv(x)) (a + 1) + b) with (a, b) = silu(linear(c)) per
   * channel, then x ↦ silu(norm(conv(x))), both convolutions weight-standardized 3×3.
   */
  private static final class Block extends AbstractBlock {
    final int channels;
    final Linear linear;
    final WeightStandardizedConv2d conv1;
    final GroupNorm norm1;
    final WeightStandardizedConv2d conv2;
    final GroupNorm norm2;

    Block(int channels, int groups) {
      this.channels = channels;
      this.linear = addChildBlock("linear", Linear.builder().setUnits(2L * channels).build());
      this.conv1 = addChildBlock("conv1", new WeightStandardizedConv2d(channels, 3, 1));
      this.norm1 = addChildBlock("norm1", new GroupNorm(groups));
      this.conv2 = addChildBlock("conv2", new WeightStandardizedConv2d(channels, 3, 1));
      this.norm2 = addChildBlock("norm2", new GroupNorm(groups));
    }

    /** The block's output for x given the condition c. */
    NDArray forward(ParameterStore ps, NDArray x, NDArray c, boolean training) {
      return Intermediates.freed(() -> transform(ps, x, c, training));
    }

    /** The block's output for x joined along the channels with a skip connection's features. */
    NDArray forward(ParameterStore ps, NDArray x, NDArray skip, NDArray c, boolean training) {
      return Intermediates.freed(() -> transform(ps, NDArrays.concat(new NDList(x, skip), 1), c, training));
    }

    private NDArray transform(ParameterStore ps, NDArray x, NDArray c, boolean training) {
      NDList ab = silu(apply(linear, ps, c, training))
          .reshape(c.getShape().get(0), 2L * channels, 1, 1)
          .split(2, 1);
      NDArray normalized = norm1.forward(ps, conv1.forward(ps, x, training), training);
      NDArray modulated = silu(normalized.mul(Scalars.plus(ab.get(0), 1)).add(ab.get(1)));
      return silu(norm2.forward(ps, conv2.forward(ps, modulated, training), training));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
      Shape x = shapes[0];
      Shape features = new Shape(x.get(0), channels, x.get(2), x.get(3));
      linear.initialize(manager, dataType, shapes[1]);
      conv1.initialize(manager, dataType, x);
      norm1.initialize(manager, dataType, features);
      conv2.initialize(manager, dataType, features);
      norm2.initialize(manager, dataType, features);
    }

    @Override
    protected NDList forwardInternal(
        ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
      return new NDList(forward(ps, inputs.get(0), inputs.get(1), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
      Shape x = inputShapes[0];
      return new Shape[] {new Shape(x.get(0), channels, x.get(2), x.get(3))};
    }
  }

  /** Self-attention among the pixels of an image [b, c, h, w], each pixel a vector of c values. */
  static final class Attention extends UnaryBlock {
    final MultiHeadAttention attention;

    Attention(int width, int heads) {
      this.attention = addChildBlock("attention", new MultiHeadAttention(width, heads));
    }

    @Override
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
      Shape shape = x.getShape();
      return Intermediates.freed(() -> {
        NDArray pixels = x.reshape(shape.get(0), shape.get(1), -1).transpose(0, 2, 1);
        // Back to [b, c, h, w] laid out as an image. The transposed sequence alone would be a view
        // with the channels innermost, which sends every later convolution and norm to PyTorch's
        // channels-last kernels and mixes layouts at the skip connections; as one row per example
        // it cannot be a view, so that reshape copies.
        return attention.forward(ps, pixels, training)
            .transpose(0, 2, 1)
            .reshape(shape.get(0), -1)
            .reshape(shape);
      });
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
      Shape x = shapes[0];
      attention.initialize(manager, dataType, new Shape(x.get(0), x.get(2) * x.get(3), x.get(1)));
    }
  }
}
