package org.modulardiffusion.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  void aScatterPlotPutsThePointsWhereTheyBelong() {
    BufferedImage image = ScatterPlot.draw(manager.create(new float[] {0, 0, 1, 1}, new Shape(2, 2)), 2);
    int blue = 0x1f77b4;
    assertEquals(blue, image.getRGB(240, 240) & 0xffffff); // (0, 0) in the centre
    assertEquals(blue, image.getRGB(360, 120) & 0xffffff); // (1, 1): 3/4 across, 1/4 down
    assertEquals(0xffffff, image.getRGB(100, 400) & 0xffffff);
  }

  @Test
  void theLossPlotDrawsOneDotPerEpochFromHighToLow() {
    BufferedImage image = LossPlot.draw(List.of(1f, 0.1f, 0.01f));
    int blue = 0x1f77b4;
    // Plot area x 60..610, y 30..340; log scale from 1 (top) to 0.01 (bottom).
    assertEquals(blue, image.getRGB(60, 30) & 0xffffff);
    assertEquals(blue, image.getRGB(335, 185) & 0xffffff);
    assertEquals(blue, image.getRGB(610, 340) & 0xffffff);
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
