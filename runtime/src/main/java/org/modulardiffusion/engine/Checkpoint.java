package org.modulardiffusion.engine;

import ai.djl.nn.Parameter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A training checkpoint: a directory {@code epoch-NNNN} under a root, holding the config the run
 * used ({@code config.yaml}), the net's and data transform's parameters ({@code model.params}),
 * the optimizer's state ({@code optimizer.state}) and the counters ({@code state.properties}).
 * The root's file {@code latest} names the newest one.
 *
 * <p>A checkpoint is written into a temporary directory that is then renamed, and {@code latest}
 * is replaced by a rename too, so an interrupted run never leaves a half-written checkpoint.
 * Restoring reads and checks everything before it changes the model.
 */
public final class Checkpoint {
  private static final String LATEST = "latest";
  private static final String CONFIG = "config.yaml";
  private static final String PARAMETERS = "model.params";
  private static final String OPTIMIZER = "optimizer.state";
  private static final String STATE = "state.properties";

  private final Path directory;

  private Checkpoint(Path directory) {
    this.directory = directory;
  }

  /** The checkpoint in {@code directory}, which must hold one. */
  public static Checkpoint at(Path directory) throws IOException {
    if (!Files.isRegularFile(directory.resolve(PARAMETERS)) || !Files.isRegularFile(directory.resolve(STATE))) {
      throw new NoSuchFileException(directory + ": not a checkpoint (no " + PARAMETERS + " and " + STATE + ")");
    }
    return new Checkpoint(directory);
  }

  /**
   * The newest checkpoint under {@code root}, as named by its {@code latest} file.
   *
   * @throws NoSuchFileException when there is none
   */
  public static Checkpoint latest(Path root) throws IOException {
    Path pointer = root.resolve(LATEST);
    if (!Files.isRegularFile(pointer)) {
      throw new NoSuchFileException(root + ": no checkpoint to resume from (no " + LATEST + " file)");
    }
    return at(root.resolve(Files.readString(pointer, StandardCharsets.UTF_8).trim()));
  }

  /** Writes a checkpoint of {@code model}, trained with {@code config}, under {@code root}. */
  public static Checkpoint write(Path root, Model<?> model, String config) throws IOException {
    Files.createDirectories(root);
    String name = String.format("epoch-%04d", model.epoch());
    Path temp = Files.createTempDirectory(root, name + ".");
    try {
      Files.writeString(temp.resolve(CONFIG), config, StandardCharsets.UTF_8);
      Map<String, Parameter> parameters = model.savedParameters();
      ParameterFile.write(temp.resolve(PARAMETERS), parameters);
      try (DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp.resolve(OPTIMIZER))))) {
        model.saveOptimizer(out);
      }
      Properties state = new Properties();
      state.setProperty("epoch", Integer.toString(model.epoch()));
      state.setProperty("step", Long.toString(model.step()));
      StringWriter text = new StringWriter();
      state.store(text, "Modular Diffusion checkpoint");
      Files.writeString(temp.resolve(STATE), text.toString(), StandardCharsets.UTF_8);
      Path target = root.resolve(name);
      if (Files.exists(target)) {
        // An earlier checkpoint of the same epoch (a resumed run): set it aside, then replace it.
        Path old = Files.createTempDirectory(root, name + ".old.");
        Files.delete(old);
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
      } else {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      }
      Path pointer = Files.createTempFile(root, LATEST + ".", ".tmp");
      Files.writeString(pointer, name, StandardCharsets.UTF_8);
      Files.move(pointer, root.resolve(LATEST), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return new Checkpoint(target);
    } finally {
      deleteTree(temp);
    }
  }

  /** The directory of this checkpoint. */
  public Path directory() {
    return directory;
  }

  /** The config the checkpointed run used. */
  public String config() throws IOException {
    return Files.readString(directory.resolve(CONFIG), StandardCharsets.UTF_8);
  }

  /**
   * Restores {@code model}'s parameters, optimizer state and counters from this checkpoint. The
   * model must have the architecture the checkpoint was written from; on a mismatch or a
   * damaged file an {@link IOException} names the file and nothing is changed.
   */
  public void restore(Model<?> model) throws IOException {
    Map<String, Parameter> parameters = model.savedParameters();
    List<float[]> values = ParameterFile.values(directory.resolve(PARAMETERS), parameters);
    Adam.State optimizer;
    Path optimizerFile = directory.resolve(OPTIMIZER);
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(optimizerFile)))) {
      optimizer = model.readOptimizer(in);
    } catch (EOFException e) {
      throw new IOException(optimizerFile + ": the file ends early; it is truncated or damaged", e);
    }
    Properties state = new Properties();
    state.load(new StringReader(Files.readString(directory.resolve(STATE), StandardCharsets.UTF_8)));
    int epoch = Math.toIntExact(counter(state, "epoch"));
    long step = counter(state, "step");
    ParameterFile.apply(values, parameters);
    model.restoreOptimizer(optimizer);
    model.restoreCounters(epoch, step);
  }

  private long counter(Properties state, String key) throws IOException {
    try {
      long value = Long.parseLong(state.getProperty(key, ""));
      if (value < 0 || value > Integer.MAX_VALUE) {
        throw new NumberFormatException("out of range");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IOException(directory.resolve(STATE) + ": " + key + " is not a count: " + state.getProperty(key), e);
    }
  }

  private static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(path)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Override
  public String toString() {
    return directory.toString();
  }
}
