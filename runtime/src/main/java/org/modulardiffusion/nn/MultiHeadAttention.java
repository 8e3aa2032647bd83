package org.modulardiffusion.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;

/**
 * Multi-head self-attention over a sequence x, [b, l, e] (Vaswani et al., 2017): one linear map
 * gives queries, keys and values, each head computes softmax(q kᵀ / sqrt(e / heads)) v, and a
 * second linear map mixes the concatenated heads; 4e² + 4e parameters in all.
 *
 * <p>The attention scores of long sequences are computed for a few examples at a time, so that
 * the largest arrays of a step, [b, heads, l, l], never exist in full beside their softmax and
 * their gradients: the same values, a lower peak of memory.
 */
public final class MultiHeadAttention extends UnaryBlock {
  /** The most scores computed at once: 2²⁶ values, 256 MB of 32-bit floats. */
  static final long CHUNK_SCORES = 1L << 26;

  private final int width;
  private final int heads;
  private final long chunkScores;
  private final Linear projection;
  private final Linear output;

  /** Self-attention over vectors of {@code width} values with {@code heads} heads. */
  public MultiHeadAttention(int width, int heads) {
    this(width, heads, CHUNK_SCORES);
  }

  /** Self-attention that computes at most {@code chunkScores} scores at once (at least one example's). */
  MultiHeadAttention(int width, int heads, long chunkScores) {
    if (heads < 1 || width % heads != 0) {
      throw new IllegalArgumentException(
          "attention: width " + width + " cannot be split into " + heads + " heads");
    }
    this.width = width;
    this.heads = heads;
    this.chunkScores = chunkScores;
    this.projection = addChildBlock("projection", Linear.builder().setUnits(3L * width).build());
    this.output = addChildBlock("output", Linear.builder().setUnits(width).build());
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    projection.initialize(manager, dataType, inputShapes[0]);
    output.initialize(manager, dataType, inputShapes[0]);
  }

  @Override
  public NDArray forward(ParameterStore parameters, NDArray x, boolean training) {
    long b = x.getShape().get(0);
    long l = x.getShape().get(1);
    long d = width / heads;
    NDList qkv =
        apply(projection, parameters, x, training)
            .reshape(b, l, 3, heads, d)
            .transpose(2, 0, 3, 1, 4)
            .split(3, 0);
    NDArray q = Scalars.times(qkv.get(0).squeeze(0), 1 / Math.sqrt(d));
    NDArray k = qkv.get(1).squeeze(0);
    NDArray v = qkv.get(2).squeeze(0);
    NDArray attended = attend(q, k, v);
    return apply(output, parameters, attended.transpose(0, 2, 1, 3).reshape(b, l, width), training);
  }

  /** softmax(q kᵀ) v for q, k and v of [b, heads, l, d], a chunk of examples at a time. */
  private NDArray attend(NDArray q, NDArray k, NDArray v) {
    long b = q.getShape().get(0);
    long perExample = heads * q.getShape().get(2) * k.getShape().get(2);
    long chunk = Math.max(1, chunkScores / perExample);
    if (chunk >= b) {
      return attendAll(q, k, v);
    }
    long[] boundaries = new long[Math.toIntExact((b - 1) / chunk)];
    for (int i = 0; i < boundaries.length; i++) {
      boundaries[i] = (i + 1) * chunk;
    }
    NDList qs = q.split(boundaries);
    NDList ks = k.split(boundaries);
    NDList vs = v.split(boundaries);
    NDList parts = new NDList(qs.size());
    for (int i = 0; i < qs.size(); i++) {
      parts.add(attendAll(qs.get(i), ks.get(i), vs.get(i)));
    }
    return NDArrays.concat(parts);
  }

  private static NDArray attendAll(NDArray q, NDArray k, NDArray v) {
    // The scores and the weights are freed as soon as they are used (autograd keeps the weights it
    // needs), not when the step ends.
    NDArray scores = q.matMul(k.transpose(0, 1, 3, 2));
    NDArray weights = scores.softmax(3);
    scores.close();
    NDArray attended = weights.matMul(v);
    weights.close();
    return attended;
  }
}
