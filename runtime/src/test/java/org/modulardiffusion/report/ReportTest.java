package org.modulardiffusion.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sample grids, plots and the metrics log. */
class ReportTest {
  private final NDManager manager = NDManager.newBaseManager();
  @TempDir Path folder;

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void evenlySpacedColumnsIncludeTheFirstAndLastPosition() {
    assertArrayEquals(new int[] {0, 5, 10}, SampleGrid.evenlySpaced(11, 3));
    assertArrayEquals(new int[] {0, 1, 2}, SampleGrid.evenlySpaced(3, 3));
    assertArrayEquals(new int[] {9}, SampleGrid.evenlySpaced(10, 1));
  }

  @Test
  void aGridHasARowPerSampleAndAColumnPerPickedPosition() throws IOException {
    // 3 positions, 2 samples of 1×2×2 pixels; position p, sample s has all pixels (p − 1)·(s + 1)/2.
    float[] values = new float[3 * 2 * 4];
    for (int p = 0; p < 3; p++) {
      for (int s = 0; s < 2; s++) {
        for (int i = 0; i < 4; i++) {
          values[(p * 2 + s) * 4 + i] = (p - 1) * (s + 1) / 2f;
        }
      }
    }
    NDArray trajectory = manager.create(values, new Shape(3, 2, 1, 2, 2));
    Path file = folder.resolve("grid.png");
    SampleGrid.write(trajectory, 2, 1, file);
    BufferedImage image = ImageIO.read(file.toFile());
    // Columns: positions 0 and 2; cells 2 px with 2 px gaps: 2·(2 + 2) + 2 = 10 wide and high.
    assertEquals(10, image.getWidth());
    assertEquals(10, image.getHeight());
    assertEquals(gray(64), image.getRGB(2, 2) & 0xffffff); // position 0, sample 0: −0.5
    assertEquals(gray(0), image.getRGB(3, 7) & 0xffffff); // position 0, sample 1: −1
    assertEquals(gray(191), image.getRGB(6, 2) & 0xffffff); // position 2, sample 0: 0.5
    assertEquals(gray(255), image.getRGB(7, 7) & 0xffffff); // position 2, sample 1: 1
    assertEquals(0, image.getRGB(0, 0) & 0xffffff); // the gap is black
  }

  private static int gray(int level) {
    return level << 16 | level << 8 | level;
  }

  @Test
  void aZoomedGridDrawsEachPixelAsASquare() {
    // One position, one sample, 1×1×2 pixels: -1 then 1, zoomed 3 times: 2 + 6 + 2 wide.
    NDArray trajectory = manager.create(new float[] {-1, 1}, new Shape(1, 1, 1, 1, 2));
    BufferedImage image = SampleGrid.draw(trajectory, 1, 3);
    assertEquals(10, image.getWidth());
    assertEquals(7, image.getHeight());
    assertEquals(gray(0), image.getRGB(4, 4) & 0xffffff);
    assertEquals(gray(255), image.getRGB(5, 2) & 0xffffff);
    assertEquals(gray(255), image.getRGB(7, 4) & 0xffffff);
  }

  @Test
  void aGridRefusesATrajectoryOfPoints() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> SampleGrid.draw(manager.zeros(new Shape(3, 2, 2)), 5, 1));
    assertEquals(
        "a sample grid needs a trajectory of images [positions, batch, 1 or 3, height, width], got (3, 2, 2)",
        error.getMessage());
  }

  @Test
  void aScatterPlotPutsThePointsWhereTheyBelong() throws IOException {
    // (3, 3) up right, (0, 0), (-3, -3) down left, in the square [-4, 4]²: the origin's dot halfway.
    Path file = folder.resolve("points.png");
    ScatterPlot.write(manager.create(new float[] {3, 3, 0, 0, -3, -3}, new Shape(3, 2)), 4, file);
    BufferedImage image = ImageIO.read(file.toFile());
    assertEquals(480, image.getWidth());
    assertEquals(480, image.getHeight());
    List<Blob> dots = new ArrayList<>(Blob.find(image, 0x1f77b4));
    assertEquals(3, dots.size(), dots::toString);
    dots.sort(Comparator.comparingDouble(Blob::x));
    Blob downLeft = dots.get(0);
    Blob origin = dots.get(1);
    Blob upRight = dots.get(2);
    assertTrue(downLeft.y() > origin.y() + 100 && origin.y() > upRight.y() + 100, dots::toString);
    assertTrue(origin.x() > downLeft.x() + 100, dots::toString);
    assertEquals(origin.x(), (downLeft.x() + upRight.x()) / 2, 1);
    assertEquals(origin.y(), (downLeft.y() + upRight.y()) / 2, 1);
    // The same scale on both axes: the square plot spans the same range.
    assertEquals(upRight.x() - downLeft.x(), downLeft.y() - upRight.y(), 40);
    assertEquals(Set.of(file), Files.list(folder).collect(Collectors.toSet()), "no temporary file is left");
  }

  @Test
  void aFileThatCannotBeWrittenIsNamedWithTheReason() throws IOException {
    Path file = Files.writeString(folder.resolve("a-file"), "");
    Path under = file.resolve("loss.png");
    IOException refused = assertThrows(IOException.class, () -> AtomicFile.write(under, path -> Files.writeString(path, "x")));
    assertEquals("cannot write " + under + ": a file of that name is in the way", refused.getMessage());
    Path missing = folder.resolve("gone").resolve("loss.png");
    Files.createDirectories(missing.getParent());
    IOException vanished = assertThrows(IOException.class, () -> AtomicFile.write(missing, path -> {
      Files.delete(path);
      Files.delete(path.getParent());
    }));
    assertEquals("cannot write " + missing + ": no such file or folder", vanished.getMessage());
  }

  @Test
  void aScatterPlotOfManyPointsDrawsEvenlySpacedOnes() throws IOException {
    // Twice the most points a plot draws, alternating between (3, 3) and (-3, -3): every second
    // one is drawn, so only the first place gets a dot.
    int count = 2 * ScatterPlot.MAX_POINTS;
    float[] xy = new float[2 * count];
    for (int i = 0; i < count; i++) {
      xy[2 * i] = xy[2 * i + 1] = i % 2 == 0 ? 3 : -3;
    }
    BufferedImage image = ScatterPlot.draw(manager.create(xy, new Shape(count, 2)), 4);
    List<Blob> dots = new ArrayList<>(Blob.find(image, 0x1f77b4));
    assertEquals(1, dots.size(), dots::toString);
    assertTrue(dots.get(0).x() > image.getWidth() / 2 && dots.get(0).y() < image.getHeight() / 2, dots::toString);
  }

  @Test
  void theLossPlotShowsEachEpochsMeanOnALogAxisWithTheEpochBoundaries() throws IOException {
    // 3 epochs of 10 steps with losses 1, 0.1 and 0.01: the epochs' means a decade apart each.
    List<Float> steps = new ArrayList<>();
    for (float loss : new float[] {1f, 0.1f, 0.01f}) {
      steps.addAll(Collections.nCopies(10, loss));
    }
    Path file = folder.resolve("loss.png");
    LossPlot.write(steps, Collections.nCopies(30, 1e-3f), 10, List.of(1f, 0.1f, 0.01f), file);
    BufferedImage image = ImageIO.read(file.toFile());
    assertEquals(640, image.getWidth());
    assertEquals(400, image.getHeight());
    // The orange dots: the three means and the legend's dot, which lies below the plot.
    List<Blob> dots = new ArrayList<>(Blob.find(image, 0xff7f0e));
    assertEquals(4, dots.size(), dots::toString);
    dots.sort(Comparator.comparingDouble(Blob::y));
    List<Blob> means = new ArrayList<>(dots.subList(0, 3));
    means.sort(Comparator.comparingDouble(Blob::x));
    // Steps 10, 20, 30 evenly spaced across; 1, 0.1, 0.01 evenly spaced down (a log axis).
    assertEquals(means.get(1).x() - means.get(0).x(), means.get(2).x() - means.get(1).x(), 1.5);
    assertTrue(means.get(1).y() - means.get(0).y() > 20, means::toString);
    assertEquals(means.get(1).y() - means.get(0).y(), means.get(2).y() - means.get(1).y(), 1.5);
    // Two epoch boundaries: gray columns across most of the plot, between the means.
    List<Integer> boundaries = columns(image, LossPlot.BOUNDARY, 150);
    assertEquals(2, boundaries.size(), boundaries::toString);
    assertTrue(means.get(0).x() < boundaries.get(0) && boundaries.get(0) < means.get(1).x(), boundaries::toString);
    assertTrue(means.get(1).x() < boundaries.get(1) && boundaries.get(1) < means.get(2).x(), boundaries::toString);
  }

  @Test
  void theLossPlotsStepAxisIsTickedAtRoundNumbers() {
    // 5 epochs of 240 steps: at most 9 ticks from 0 to 1,200 put them at 0, 200, …, 1,200 (steps
    // of 100 would give 13), each with a grid line; the epoch boundaries lie at steps 240.5, 480.5,
    // 720.5 and 960.5, none on a tick.
    BufferedImage image = LossPlot.draw(
        Collections.nCopies(1200, 0.5f), Collections.nCopies(1200, 1e-3f), 240, Collections.nCopies(5, 0.5f));
    List<Integer> boundaries = columns(image, LossPlot.BOUNDARY, 150);
    assertEquals(4, boundaries.size(), boundaries::toString);
    double perStep = (boundaries.get(3) - boundaries.get(0)) / 720.0;
    Color gridColor = Charts.chart(1, 1, "", "").getStyler().getPlotGridLinesColor();
    List<Integer> grid = columns(image, gridColor, 40);
    assertEquals(7, grid.size(), grid::toString);
    for (int i = 0; i < grid.size(); i++) {
      assertEquals(boundaries.get(0) + (200 * i - 240.5) * perStep, grid.get(i), 1.5, grid::toString);
    }
  }

  /** The first column of each run of columns that have at least {@code least} pixels of {@code color}. */
  private static List<Integer> columns(BufferedImage image, Color color, int least) {
    List<Integer> columns = new ArrayList<>();
    for (int x = 0; x < image.getWidth(); x++) {
      int count = 0;
      for (int y = 0; y < image.getHeight(); y++) {
        count += (image.getRGB(x, y) & 0xffffff) == (color.getRGB() & 0xffffff) ? 1 : 0;
      }
      if (count >= least && (columns.isEmpty() || columns.get(columns.size() - 1) < x - 1)) {
        columns.add(x);
      }
    }
    return columns;
  }

  @Test
  void theMovingMeanAveragesTheWindowEndingAtEachStep() {
    assertArrayEquals(new double[] {1, 1.5, 2.5, 3.5}, LossPlot.movingMean(new double[] {1, 2, 3, 4}, 2));
    assertArrayEquals(new double[] {4, 2}, LossPlot.movingMean(new double[] {4, 0}, 5));
  }

  @Test
  void theLossPlotDrawsTheLearningRateOnceItVaries() {
    List<Float> losses = Collections.nCopies(20, 0.5f);
    List<Float> warmup = new ArrayList<>();
    for (int step = 1; step <= 20; step++) {
      warmup.add(1e-3f * Math.min(step, 10) / 10);
    }
    assertEquals(0, pixels(LossPlot.draw(losses, Collections.nCopies(20, 1e-3f), 10, List.of(0.5f, 0.5f)), LossPlot.RATE));
    BufferedImage varying = LossPlot.draw(losses, warmup, 10, List.of(0.5f, 0.5f));
    // A line across the plot, rising over the first epoch and flat over the second.
    assertTrue(pixels(varying, LossPlot.RATE) > 200, "pixels of the rate's line: " + pixels(varying, LossPlot.RATE));
  }

  private static int pixels(BufferedImage image, Color color) {
    int count = 0;
    for (int x = 0; x < image.getWidth(); x++) {
      for (int y = 0; y < image.getHeight(); y++) {
        count += (image.getRGB(x, y) & 0xffffff) == (color.getRGB() & 0xffffff) ? 1 : 0;
      }
    }
    return count;
  }

  @Test
  void theMetricsLogAppendsOneJsonObjectPerLine() throws IOException {
    MetricsLog log = new MetricsLog(folder.resolve("run/metrics.jsonl"));
    Map<String, Object> first = new LinkedHashMap<>();
    first.put("epoch", 1);
    first.put("loss", 0.5);
    log.append(first);
    log.append(Map.of("epoch", 2));
    assertEquals(List.of("{\"epoch\":1,\"loss\":0.5}", "{\"epoch\":2}"), Files.readAllLines(log.path()));
  }
}
