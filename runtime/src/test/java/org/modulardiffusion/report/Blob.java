package org.modulardiffusion.report;

import java.awt.image.BufferedImage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A connected patch of one colour in a picture (a plotted dot, say), by its centre. */
record Blob(double x, double y, int pixels) {

  /** The patches of exactly {@code rgb} in {@code image}, pixels joined by their 8 neighbours. */
  static List<Blob> find(BufferedImage image, int rgb) {
    int width = image.getWidth();
    int height = image.getHeight();
    boolean[] seen = new boolean[width * height];
    List<Blob> blobs = new ArrayList<>();
    for (int start = 0; start < seen.length; start++) {
      if (seen[start] || (image.getRGB(start % width, start / width) & 0xffffff) != rgb) {
        continue;
      }
      double sumX = 0;
      double sumY = 0;
      int count = 0;
      Deque<Integer> todo = new ArrayDeque<>(List.of(start));
      seen[start] = true;
      while (!todo.isEmpty()) {
        int pixel = todo.pop();
        int px = pixel % width;
        int py = pixel / width;
        sumX += px;
        sumY += py;
        count++;
        for (int dy = -1; dy <= 1; dy++) {
          for (int dx = -1; dx <= 1; dx++) {
            int nx = px + dx;
            int ny = py + dy;
            if (nx >= 0 && nx < width && ny >= 0 && ny < height && !seen[ny * width + nx]
                && (image.getRGB(nx, ny) & 0xffffff) == rgb) {
              seen[ny * width + nx] = true;
              todo.push(ny * width + nx);
            }
          }
        }
      }
      blobs.add(new Blob(sumX / count, sumY / count, count));
    }
    return blobs;
  }
}
