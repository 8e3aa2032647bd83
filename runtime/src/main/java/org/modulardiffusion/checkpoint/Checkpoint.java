package org.modulardiffusion.checkpoint;

import ai.djl.nn.Parameter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.modulardiffusion.engine.Model;
import org.modulardiffusion.engine.ParameterFile;
import org.modulardiffusion.engine.Sha256;
import org.modulardiffusion.train.Adam;
import org.modulardiffusion.train.TrainingLoop;

/**
 * A training checkpoint: a directory {@code epoch-NNNN} under a root, holding the config the run
 * used ({@code config.yaml}), the net's and data transform's parameters ({@code model.params}),
 * the optimizer's state ({@code optimizer.state}), the counters ({@code state.properties}), for a
 * model that keeps one the moving average of its parameters ({@code average.params}) and,
 * written last, the SHA-256 of each of them ({@code checksums}, as {@code sha256sum} writes it).
 * The root's file {@code latest} names the newest one.
 *
 * <p>A checkpoint is written into a temporary directory that is then renamed, and {@code latest}
 * is replaced by a rename too, so an interrupted run never leaves a half-written checkpoint; a
 * model whose parameters are no longer finite is not written at all. Opening a checkpoint checks
 * its checksums, so a damaged file is named and refused before anything is read; restoring reads
 * and checks everything before it changes the model.
 */
public final class Checkpoint {
  private static final String LATEST = "latest";
  private static final String CONFIG = "config.yaml";
  private static final String PARAMETERS = "model.params";
  private static final String OPTIMIZER = "optimizer.state";
  private static final String STATE = "state.properties";
  private static final String AVERAGE = "average.params";
  private static final String CHECKSUMS = "checksums";
  private static final List<String> FILES = List.of(CONFIG, PARAMETERS, OPTIMIZER, STATE);
  private static final Pattern NAME = Pattern.compile("epoch-\\d{4,}");

  private final Path directory;
  /** Whether the checkpoint holds a moving average of the parameters, checked by its checksum. */
  private final boolean averaged;

  private Checkpoint(Path directory, boolean averaged) {
    this.directory = directory;
    this.averaged = averaged;
  }

  /**
   * The checkpoint in {@code directory}, which must hold one whose files match its checksums.
   *
   * @param directory the checkpoint's directory
   * @return the checkpoint
   * @throws IOException naming the file that is missing or damaged
   */
  public static Checkpoint at(Path directory) throws IOException {
    Path checksums = directory.resolve(CHECKSUMS);
    if (!Files.isRegularFile(directory.resolve(PARAMETERS)) || !Files.isRegularFile(directory.resolve(STATE))) {
      throw new NoSuchFileException(directory + ": not a checkpoint (no " + PARAMETERS + " and " + STATE + ")");
    }
    if (!Files.isRegularFile(checksums)) {
      throw new NoSuchFileException(
          checksums + ": missing; the checkpoint is incomplete or was written by an older version");
    }
    Map<String, String> expected = new HashMap<>();
    for (String line : Files.readAllLines(checksums, StandardCharsets.UTF_8)) {
      String[] fields = line.split("  ", 2);
      if (fields.length == 2) {
        expected.put(fields[1], fields[0]);
      }
    }
    List<String> files = new ArrayList<>(FILES);
    if (expected.containsKey(AVERAGE)) {
      files.add(AVERAGE);
    }
    for (String file : files) {
      Path path = directory.resolve(file);
      if (!Files.isRegularFile(path)) {
        throw new NoSuchFileException(path + ": missing; the checkpoint is incomplete");
      }
      if (!sha256(path).equals(expected.get(file))) {
        throw new IOException(path + ": damaged; its content does not match its checksum in " + CHECKSUMS);
      }
    }
    return new Checkpoint(directory, files.contains(AVERAGE));
  }

  /**
   * The newest checkpoint under {@code root}, as named by its {@code latest} file.
   *
   * @param root the directory the run writes its checkpoints under
   * @return the checkpoint
   * @throws NoSuchFileException when there is none
   * @throws IOException naming {@code latest} when it names no checkpoint of {@code root}
   */
  public static Checkpoint latest(Path root) throws IOException {
    Path pointer = root.resolve(LATEST);
    if (!Files.isRegularFile(pointer)) {
      throw new NoSuchFileException(root + ": no checkpoint to resume from (no " + LATEST + " file)");
    }
    String name = Files.readString(pointer, StandardCharsets.UTF_8).trim();
    if (!NAME.matcher(name).matches()) {
      throw new IOException(pointer + ": expected the name of a checkpoint in " + root + ", such as epoch-0003, got \""
          + (name.length() > 40 ? name.substring(0, 40) + "…" : name) + "\"");
    }
    try {
      return at(root.resolve(name));
    } catch (IOException e) {
      throw new IOException(pointer + " names " + name + ", which cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * Removes what an interrupted {@link #write} leaves under {@code root}: temporary checkpoint
   * directories and a temporary {@code latest}.
   *
   * @param root the directory the run writes its checkpoints under; nothing happens if it does not exist
   * @throws IOException when a file cannot be removed
   */
  public static void clean(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> entries = Files.list(root)) {
      for (Path entry : entries.toList()) {
        String name = entry.getFileName().toString();
        if (name.startsWith("epoch-") && !NAME.matcher(name).matches() || name.startsWith(LATEST + ".")) {
          deleteTree(entry);
        }
      }
    }
  }

  /**
   * Writes a checkpoint of the model {@code loop} trains, with the loop's optimizer state, under
   * {@code root}; {@code config} is the run's config.
   *
   * @param root the directory the run writes its checkpoints under, created if need be
   * @param loop the loop
   * @param config the run's config, as text
   * @return the checkpoint written, which {@code latest} now names
   * @throws IOException when a file cannot be written
   * @throws IllegalStateException when a parameter is NaN or infinite; nothing is written
   */
  public static Checkpoint write(Path root, TrainingLoop<?> loop, String config) throws IOException {
    Model<?> model = loop.model();
    if (!model.finite()) {
      throw new IllegalStateException(
          "the parameters of epoch " + model.epoch() + " hold NaN or infinite values; no checkpoint is written for it");
    }
    Files.createDirectories(root);
    String name = String.format("epoch-%04d", model.epoch());
    Path temp = Files.createTempDirectory(root, name + ".");
    try {
      Files.writeString(temp.resolve(CONFIG), config, StandardCharsets.UTF_8);
      Map<String, Parameter> parameters = model.savedParameters();
      ParameterFile.write(temp.resolve(PARAMETERS), parameters);
      try (DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp.resolve(OPTIMIZER))))) {
        loop.optimizer().save(out, model.parameterSlots());
      }
      List<String> files = new ArrayList<>(FILES);
      if (model.hasAveragedWeights()) {
        try (Model.AveragedWeights averaged = model.averagedWeights()) {
          ParameterFile.write(temp.resolve(AVERAGE), parameters);
        }
        files.add(AVERAGE);
      }
      Properties state = new Properties();
      state.setProperty("epoch", Integer.toString(model.epoch()));
      state.setProperty("step", Long.toString(model.step()));
      state.setProperty("average_updates", Long.toString(model.averageUpdates()));
      StringWriter text = new StringWriter();
      state.store(text, "Modular Diffusion checkpoint");
      Files.writeString(temp.resolve(STATE), text.toString(), StandardCharsets.UTF_8);
      StringBuilder checksums = new StringBuilder();
      for (String file : files) {
        checksums.append(sha256(temp.resolve(file))).append("  ").append(file).append('\n');
      }
      Files.writeString(temp.resolve(CHECKSUMS), checksums, StandardCharsets.UTF_8);
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
      return new Checkpoint(target, files.contains(AVERAGE));
    } finally {
      deleteTree(temp);
    }
  }

  /**
   * The directory of this checkpoint.
   *
   * @return the directory
   */
  public Path directory() {
    return directory;
  }

  /**
   * The config the checkpointed run used.
   *
   * @return the config, as text
   * @throws IOException when the file cannot be read
   */
  public String config() throws IOException {
    return Files.readString(directory.resolve(CONFIG), StandardCharsets.UTF_8);
  }

  /**
   * Restores {@code model}'s parameters, the moving average of its weights and its counters from
   * this checkpoint, to sample or evaluate it. The model must have the architecture the
   * checkpoint was written from; on a mismatch or a damaged file an {@link IOException} names the
   * file and nothing is changed.
   *
   * @param model the model, changed in place
   * @throws IOException naming the file that is missing, damaged or does not fit
   */
  public void restore(Model<?> model) throws IOException {
    restore(model, null);
  }

  /**
   * Restores the model {@code loop} trains as {@link #restore(Model)} does, and the loop's
   * optimizer state, to continue the run.
   *
   * @param loop the loop, whose model and optimizer change in place
   * @throws IOException naming the file that is missing, damaged or does not fit
   */
  public void resume(TrainingLoop<?> loop) throws IOException {
    restore(loop.model(), loop);
  }

  private void restore(Model<?> model, TrainingLoop<?> loop) throws IOException {
    Map<String, Parameter> parameters = model.savedParameters();
    List<float[]> values = ParameterFile.values(directory.resolve(PARAMETERS), parameters);
    Adam.State optimizer = loop == null ? null : readOptimizer(loop);
    Properties state = new Properties();
    state.load(new StringReader(Files.readString(directory.resolve(STATE), StandardCharsets.UTF_8)));
    int epoch = Math.toIntExact(counter(state, "epoch"));
    long step = counter(state, "step");
    boolean saved = model.hasAveragedWeights() && averaged;
    List<float[]> average = saved ? ParameterFile.values(directory.resolve(AVERAGE), parameters) : values;
    long averageUpdates = saved && state.containsKey("average_updates") ? counter(state, "average_updates") : 0;
    ParameterFile.apply(values, parameters);
    if (loop != null) {
      loop.optimizer().restore(optimizer, model.trainable());
    }
    model.restoreCounters(epoch, step);
    if (model.hasAveragedWeights()) {
      // Without a saved average (a checkpoint of a run without one), it starts from the weights.
      model.restoreAverages(average, averageUpdates);
    }
  }

  private Adam.State readOptimizer(TrainingLoop<?> loop) throws IOException {
    Path file = directory.resolve(OPTIMIZER);
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      Adam.State optimizer = Adam.read(in, loop.model().parameterSlots());
      if (in.read() != -1) {
        throw new IOException(file + ": unexpected data after the optimizer's state");
      }
      return optimizer;
    } catch (EOFException e) {
      throw new IOException(file + ": the file ends early; it is truncated or damaged", e);
    }
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

  private static String sha256(Path file) throws IOException {
    MessageDigest digest = Sha256.create();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
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
