package org.modulardiffusion.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modulardiffusion.base.Data;
import org.modulardiffusion.data.Embedding;
import org.modulardiffusion.dataset.Toy2d;
import org.modulardiffusion.distribution.Normal;
import org.modulardiffusion.engine.Model;
import org.modulardiffusion.engine.TinyMlp;
import org.modulardiffusion.loss.Simple;
import org.modulardiffusion.noise.Gaussian;
import org.modulardiffusion.sampler.Ancestral;
import org.modulardiffusion.schedule.Cosine;
import org.modulardiffusion.time.Discrete;
import org.modulardiffusion.train.TrainingListener;
import org.modulardiffusion.train.TrainingLoop;

/** Saving and loading the net's and the data transform's parameters. */
class CheckpointTest {
  @TempDir Path folder;

  /** A model whose data transform has trainable parameters (an embedding), so both are saved. */
  private static Model<Normal> model(int seed, int width, Embedding embedding) {
    return builder(seed, width, embedding).build();
  }

  private static Model.Builder<Normal> builder(int seed, int width, Embedding embedding) {
    return Model.<Normal>builder()
        .data(new ShiftedByEmbedding(embedding))
        .schedule(new Cosine(10))
        .noise(new Gaussian())
        .net(new TinyMlp(2, 10, 8, width, 1))
        .loss(new Simple<>())
        .time(new Discrete())
        .sampler(new Ancestral<>())
        .dataset(new Toy2d(Toy2d.Figure.GAUSSIANS, 32, 0.1, 1))
        .seed(seed);
  }

  /** A loop of two steps an epoch: 32 points in batches of 16. */
  private static TrainingLoop<Normal> loop(Model<Normal> model, int seed) {
    return TrainingLoop.builder(model).batchSize(16).seed(seed).progress(TrainingListener.none()).build();
  }

  private static List<float[]> values(Model<?> model) {
    List<float[]> values = new ArrayList<>();
    model.net().getParameters().values().forEach(p -> values.add(p.getArray().toFloatArray()));
    return values;
  }

  @Test
  void loadRestoresTheSavedParametersOfNetAndData() throws IOException {
    Path file = folder.resolve("model.params");
    List<float[]> saved;
    float[] embedding;
    Embedding trainedEmbedding = new Embedding(5, 2);
    try (Model<Normal> trained = model(1, 8, trainedEmbedding)) {
      loop(trained, 1).train(2);
      trained.save(file);
      saved = values(trained);
      embedding = trainedEmbedding.parameters().get(0).getArray().toFloatArray();
    }
    Embedding freshEmbedding = new Embedding(5, 2);
    try (Model<Normal> fresh = model(2, 8, freshEmbedding)) {
      assertNotEquals(saved.get(0)[0], values(fresh).get(0)[0], "a fresh model starts elsewhere");
      fresh.load(file);
      List<float[]> loaded = values(fresh);
      for (int i = 0; i < saved.size(); i++) {
        assertArrayEquals(saved.get(i), loaded.get(i));
      }
      assertArrayEquals(embedding, freshEmbedding.parameters().get(0).getArray().toFloatArray());
      loop(fresh, 2).train(1); // the loaded parameters still train
    }
    try (Stream<Path> files = Files.list(folder)) {
      assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
    }
  }

  @Test
  void aDifferentArchitectureIsRefusedAndNothingChanges() throws IOException {
    Path file = folder.resolve("wide.params");
    try (Model<Normal> wide = model(1, 16, new Embedding(5, 2))) {
      wide.save(file);
    }
    try (Model<Normal> narrow = model(2, 8, new Embedding(5, 2))) {
      List<float[]> before = values(narrow);
      IOException error = assertThrows(IOException.class, () -> narrow.load(file));
      assertTrue(error.getMessage().contains("different architecture"), error.getMessage());
      assertTrue(error.getMessage().startsWith(file.toString()), error.getMessage());
      List<float[]> after = values(narrow);
      for (int i = 0; i < before.size(); i++) {
        assertArrayEquals(before.get(i), after.get(i));
      }
    }
  }

  @Test
  void aTruncatedFileIsRefusedAndNothingChanges() throws IOException {
    Path file = folder.resolve("model.params");
    try (Model<Normal> model = model(1, 8, new Embedding(5, 2))) {
      model.save(file);
      byte[] bytes = Files.readAllBytes(file);
      Files.write(file, Arrays.copyOf(bytes, bytes.length - 100));
      List<float[]> before = values(model);
      IOException error = assertThrows(IOException.class, () -> model.load(file));
      assertTrue(error.getMessage().contains("truncated"), error.getMessage());
      List<float[]> after = values(model);
      for (int i = 0; i < before.size(); i++) {
        assertArrayEquals(before.get(i), after.get(i));
      }
    }
  }

  @Test
  void aCheckpointRestoresParametersOptimizerAndCounters() throws IOException {
    Path root = folder.resolve("checkpoints");
    List<float[]> saved;
    try (Model<Normal> trained = model(1, 8, new Embedding(5, 2))) {
      TrainingLoop<Normal> loop = loop(trained, 1);
      loop.train(1);
      Checkpoint.write(root, loop, "first");
      loop.train(1);
      Checkpoint.write(root, loop, "second: run");
      saved = values(trained);
    }
    Checkpoint latest = Checkpoint.latest(root);
    assertEquals(root.resolve("epoch-0002"), latest.directory());
    assertEquals("second: run", latest.config());
    try (Stream<Path> entries = Files.list(root)) {
      assertEquals(
          List.of("epoch-0001", "epoch-0002", "latest"),
          entries.map(p -> p.getFileName().toString()).sorted().toList(),
          "no temporary file or directory is left behind");
    }
    try (Model<Normal> resumed = model(2, 8, new Embedding(5, 2))) {
      TrainingLoop<Normal> loop = loop(resumed, 2);
      latest.resume(loop);
      assertEquals(2, resumed.epoch());
      assertEquals(4, resumed.step()); // 32 points in batches of 16: 2 steps an epoch
      List<float[]> loaded = values(resumed);
      for (int i = 0; i < saved.size(); i++) {
        assertArrayEquals(saved.get(i), loaded.get(i));
      }
      loop.train(1);
      assertEquals(3, resumed.epoch());
    }
  }

  @Test
  void twoEpochsThenAResumeOfTwoTrainAsFourStraightDo() throws IOException {
    List<Float> straightLosses;
    List<float[]> straight;
    try (Model<Normal> model = model(3, 8, new Embedding(5, 2))) {
      straightLosses = loop(model, 3).train(4);
      straight = values(model);
    }
    Path root = folder.resolve("checkpoints");
    try (Model<Normal> first = model(3, 8, new Embedding(5, 2))) {
      TrainingLoop<Normal> loop = loop(first, 3);
      assertEquals(straightLosses.subList(0, 2), loop.train(2));
      Checkpoint.write(root, loop, "config");
    }
    try (Model<Normal> resumed = model(3, 8, new Embedding(5, 2))) {
      TrainingLoop<Normal> loop = loop(resumed, 3);
      Checkpoint.latest(root).resume(loop);
      assertEquals(straightLosses.subList(2, 4), loop.train(2), "the losses of epochs 3 and 4, bit for bit");
      List<float[]> after = values(resumed);
      for (int i = 0; i < straight.size(); i++) {
        assertArrayEquals(straight.get(i), after.get(i));
      }
    }
  }

  @Test
  void aCheckpointKeepsTheMovingAverageSoThatAResumeContinuesIt() throws IOException {
    List<float[]> straight;
    try (Model<Normal> model = builder(3, 8, new Embedding(5, 2)).averageWeights(0.9).build()) {
      loop(model, 3).train(4);
      try (Model.AveragedWeights averaged = model.averagedWeights()) {
        straight = values(model);
      }
    }
    Path root = folder.resolve("checkpoints");
    try (Model<Normal> first = builder(3, 8, new Embedding(5, 2)).averageWeights(0.9).build()) {
      TrainingLoop<Normal> loop = loop(first, 3);
      loop.train(2);
      Checkpoint.write(root, loop, "config");
    }
    assertTrue(Files.isRegularFile(root.resolve("epoch-0002").resolve("average.params")));
    try (Model<Normal> resumed = builder(3, 8, new Embedding(5, 2)).averageWeights(0.9).build()) {
      TrainingLoop<Normal> loop = loop(resumed, 3);
      Checkpoint.latest(root).resume(loop);
      loop.train(2);
      try (Model.AveragedWeights averaged = resumed.averagedWeights()) {
        List<float[]> after = values(resumed);
        for (int i = 0; i < straight.size(); i++) {
          assertArrayEquals(straight.get(i), after.get(i), "the average of 4 epochs, bit for bit");
        }
      }
    }
  }

  @Test
  void aDamagedCheckpointIsRefusedAndNothingChanges() throws IOException {
    Path root = folder.resolve("checkpoints");
    try (Model<Normal> trained = model(1, 8, new Embedding(5, 2))) {
      TrainingLoop<Normal> loop = loop(trained, 1);
      loop.train(1);
      Checkpoint.write(root, loop, "config");
    }
    Path optimizer = root.resolve("epoch-0001").resolve("optimizer.state");
    byte[] bytes = Files.readAllBytes(optimizer);
    Files.write(optimizer, Arrays.copyOf(bytes, bytes.length / 2));
    try (Model<Normal> fresh = model(2, 8, new Embedding(5, 2))) {
      List<float[]> before = values(fresh);
      IOException error = assertThrows(IOException.class, () -> Checkpoint.latest(root).restore(fresh));
      assertEquals(root.resolve("latest") + " names epoch-0001, which cannot be read: " + optimizer
          + ": damaged; its content does not match its checksum in checksums", error.getMessage());
      assertEquals(0, fresh.epoch());
      List<float[]> after = values(fresh);
      for (int i = 0; i < before.size(); i++) {
        assertArrayEquals(before.get(i), after.get(i));
      }
    }
  }

  @Test
  void aModelWhoseParametersAreNoLongerFiniteIsNotSaved() throws IOException {
    Path root = folder.resolve("checkpoints");
    try (Model<Normal> model = Model.<Normal>builder()
        .data(new ShiftedByEmbedding(new Embedding(5, 2)))
        .schedule(new Cosine(10))
        .noise(new Gaussian())
        .net(new TinyMlp(2, 10, 8, 8, 1))
        .loss(new Simple<>())
        .time(new Discrete())
        .sampler(new Ancestral<>())
        .dataset(new Toy2d(Toy2d.Figure.GAUSSIANS, 16, 0.1, 1))
        .seed(1)
        .build()) {
      TrainingLoop<Normal> loop = TrainingLoop.builder(model)
          .batchSize(16) // one step an epoch: its loss is taken before the update that ruins the weights
          // AdamW shrinks w by lr · decay · w = 10⁷⁶ w: the weights leave the floats.
          .learningRate(1e38f)
          .weightDecay(1e38)
          .seed(1)
          .progress(TrainingListener.none())
          .build();
      assertTrue(model.finite());
      IllegalStateException diverged = assertThrows(IllegalStateException.class, () -> loop.train(1));
      assertEquals("training diverged in epoch 1: the parameters hold NaN or infinite values after its last update;"
          + " try a lower learning rate", diverged.getMessage());
      assertTrue(!model.finite());
      IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Checkpoint.write(root, loop, "c"));
      assertEquals("the parameters of epoch 1 hold NaN or infinite values; no checkpoint is written for it",
          refused.getMessage());
    }
    assertTrue(Files.notExists(root.resolve("latest")) && Files.notExists(root.resolve("epoch-0001")));
  }

  /** Shifts each point by the embedding of its quadrant: a data transform with parameters. */
  private static final class ShiftedByEmbedding extends Data {
    private final Embedding embedding;

    ShiftedByEmbedding(Embedding embedding) {
      this.embedding = embedding;
    }

    @Override
    public NDArray encode(NDArray w) {
      NDArray quadrant = w.gt(0).toType(DataType.INT64, false).matMul(w.getManager().create(new long[] {1, 2}));
      return w.add(embedding.encode(quadrant));
    }

    @Override
    public NDArray decode(NDArray x) {
      return x;
    }

    @Override
    public void initialize(NDManager manager) {
      embedding.initialize(manager);
    }

    @Override
    public List<Parameter> parameters() {
      return embedding.parameters();
    }
  }
}
