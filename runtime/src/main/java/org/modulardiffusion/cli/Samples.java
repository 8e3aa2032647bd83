package org.modulardiffusion.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.modulardiffusion.base.Sampler;
import org.modulardiffusion.base.TextDataset;
import org.modulardiffusion.engine.Model;
import org.modulardiffusion.progress.SamplingProgress;
import org.modulardiffusion.report.AtomicFile;
import org.modulardiffusion.report.ChartSupport;
import org.modulardiffusion.report.Npz;
import org.modulardiffusion.report.SampleGrid;
import org.modulardiffusion.report.ScatterPlot;
import org.modulardiffusion.train.Workers;

/**
 * Samples a model and writes what a person can look at: a grid of image trajectories (PNG), a
 * scatter plot of points (PNG) or the generated sentences (text); and on request what other
 * tools read, the final samples as NumPy arrays ({@code .npz}).
 */
final class Samples {
  /** Columns of a sample grid. */
  private static final int COLUMNS = 10;
  /** Images or sentences drawn when no labels are given. */
  private static final int UNLABELLED = 10;
  /** Points drawn for a scatter plot. */
  private static final int POINTS = 1000;
  /** The extension of the samples as NumPy arrays. */
  private static final String NUMPY = ".npz";

  /** What the samples of a model are. */
  enum Form {
    IMAGES(".png"),
    POINTS(".png"),
    TEXT(".txt");

    final String extension;

    Form(String extension) {
      this.extension = extension;
    }
  }

  private Samples() {}

  /** What {@code model} generates: text for a text data set, else images or 2-D points by shape. */
  static Form form(Model<?> model) {
    if (model.dataset() instanceof TextDataset) {
      return Form.TEXT;
    }
    Shape shape = model.exampleShape();
    if (shape.dimension() == 3) {
      return Form.IMAGES;
    }
    if (shape.dimension() == 1 && shape.get(0) == 2) {
      return Form.POINTS;
    }
    throw new IllegalArgumentException(
        "no picture for data of shape " + shape + "; samples are drawn for images [c, h, w],"
            + " points [2] and text data sets");
  }

  /** One label per class, up to ten, or none for an unlabelled data set. */
  static long[] defaultLabels(Model<?> model) {
    return LongStream.rangeClosed(1, Math.min(model.dataset().classes(), 10)).toArray();
  }

  /**
   * How many samples of each label make a useful picture: a thousand points in all, or ten
   * images or sentences without labels and one of each label with them.
   */
  static int defaultBatch(Model<?> model, long[] labels) {
    if (form(model) == Form.POINTS) {
      return POINTS / Math.max(1, labels.length);
    }
    return labels.length == 0 ? UNLABELLED : 1;
  }

  /**
   * {@code out} without the extension of a file that {@link #write} writes ({@code .png},
   * {@code .txt} or {@code .npz}), so that {@code --out s.png} writes {@code s.png}.
   */
  static Path base(Path out) {
    String name = out.getFileName().toString();
    for (String extension : List.of(".png", ".txt", NUMPY)) {
      if (name.endsWith(extension) && name.length() > extension.length()) {
        return out.resolveSibling(name.substring(0, name.length() - extension.length()));
      }
    }
    return out;
  }

  /**
   * Warns on standard error when this Java cannot draw the samples of {@code model} ({@link
   * #write} then keeps their arrays alone); for the start of a command or a run, so that it is
   * said once.
   */
  static void warnIfUndrawable(Model<?> model) {
    if (!drawable(form(model))) {
      System.err.println("warning: no scatter plot of the samples, only their arrays: " + ChartSupport.missingFonts());
    }
  }

  /** Whether samples of this form can be written as the form's file here: a scatter plot needs fonts. */
  private static boolean drawable(Form form) {
    return form != Form.POINTS || ChartSupport.here() != ChartSupport.NONE;
  }

  /**
   * Samples {@code batch} examples of each label with {@code sampler}, telling {@code progress} of
   * each step, and writes them to {@code base} plus the form's extension; with {@code arrays},
   * also the final samples and their labels (0: none) as NumPy arrays {@code samples} and {@code
   * labels} to {@code base.npz}.
   *
   * @return the files written, the picture or text first; where this Java cannot draw the
   *     scatter plot of points ({@link ChartSupport#NONE}), the arrays alone, with or without
   *     {@code arrays}
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static List<Path> write(
      Model model, Sampler sampler, long[] labels, int batch, Path base, boolean arrays, SamplingProgress progress)
      throws IOException {
    int every = every(model, sampler);
    try (NDManager manager = NDManager.newBaseManager()) {
      return write(model, model.sample(manager, labels, batch, every, sampler, model.guidance(), progress), labels,
          batch, base, arrays);
    }
  }

  /**
   * Samples as {@link #write(Model, Sampler, long[], int, Path, boolean, SamplingProgress)} does,
   * each sample's draws from {@code seed} and its index alone, shared among {@code workers}: each
   * samples its share, and the first writes them all.
   *
   * @return the files written; none on a worker but the first
   * @throws IllegalArgumentException when there are fewer samples than workers
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static List<Path> write(Model model, Sampler sampler, long[] labels, int batch, Path base, boolean arrays,
      SamplingProgress progress, long seed, Workers workers) throws IOException {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray trajectory = SharedSamples.trajectory(manager, model, sampler, model.guidance(), labels, batch,
          every(model, sampler), progress, seed, workers);
      return workers.rank() == 0 ? write(model, trajectory, labels, batch, base, arrays) : List.of();
    }
  }

  /** Writes {@code trajectory}, of {@code batch} samples of each label, as {@link #write} says. */
  private static List<Path> write(Model<?> model, NDArray trajectory, long[] labels, int batch, Path base,
      boolean arrays) throws IOException {
    Form form = form(model);
    Path file = base.resolveSibling(base.getFileName() + form.extension);
    NDArray last = trajectory.get(trajectory.getShape().get(0) - 1);
    List<Path> written = new ArrayList<>();
    boolean drawn = drawable(form);
    if (drawn) {
      switch (form) {
        case IMAGES -> SampleGrid.write(trajectory, COLUMNS, zoom(model), file);
        case POINTS -> ScatterPlot.write(last, 4, file);
        case TEXT -> writeText(((TextDataset) model.dataset()), last, file);
      }
      written.add(file);
    }
    if (arrays || !drawn) {
      Path numpy = base.resolveSibling(base.getFileName() + NUMPY);
      Npz.write(Map.of("samples", last, "labels", trajectory.getManager().create(labelOfEach(labels, batch))), numpy);
      written.add(numpy);
    }
    return written;
  }


  /** How often a trajectory keeps a step: for a grid of images, about twice a row's columns in all. */
  private static int every(Model<?> model, Sampler<?> sampler) {
    int positions = stepsTaken(sampler, model);
    return form(model) == Form.IMAGES ? Math.max(1, positions / (2 * COLUMNS)) : positions;
  }

  /** The steps {@code sampler} takes from T down to 0 on {@code model}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static int stepsTaken(Sampler<?> sampler, Model<?> model) {
    return ((Sampler) sampler).times(model.noise(), model.steps()).length - 1;
  }

  /** The label of each sample, in the sampling loop's order: each label {@code batch} times. */
  private static long[] labelOfEach(long[] labels, int batch) {
    return Arrays.stream(labels.length == 0 ? new long[] {0} : labels)
        .flatMap(label -> LongStream.generate(() -> label).limit(batch))
        .toArray();
  }

  /** The sentence, or its ids where they are not all words (a mask token left in place, say). */
  private static String decoded(TextDataset text, long[] ids) {
    try {
      return text.decode(ids);
    } catch (IllegalArgumentException e) {
      return "<not decodable: " + Arrays.toString(ids) + ">";
    }
  }

  /** Enlarges small images so that each is about 64 pixels high. */
  private static int zoom(Model<?> model) {
    return (int) Math.max(1, 64 / model.exampleShape().get(1));
  }

  private static void writeText(TextDataset text, NDArray ids, Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    long length = ids.getShape().get(1);
    long[] all = ids.toLongArray();
    for (int i = 0; i < all.length; i += (int) length) {
      long[] sentence = new long[(int) length];
      System.arraycopy(all, i, sentence, 0, sentence.length);
      lines.add(decoded(text, sentence));
    }
    AtomicFile.write(file, temp -> Files.write(temp, lines, StandardCharsets.UTF_8));
  }
}
