package org.modulardiffusion.report;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A file of metrics, one JSON object per line ({@code metrics.jsonl}), appended to. */
public final class MetricsLog {
  private static final Gson GSON = new Gson();
  private final Path path;

  /** @param path the file; created on the first line */
  public MetricsLog(Path path) {
    this.path = path;
  }

  /**
   * Appends {@code metrics} as one line; each line is written whole.
   *
   * @param metrics the values by name, in the order to write them
   * @throws IOException when the file cannot be written
   */
  public void append(Map<String, ?> metrics) throws IOException {
    Files.createDirectories(path.toAbsolutePath().getParent());
    Files.writeString(
        path,
        GSON.toJson(metrics) + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /**
   * The values of {@code key} in the lines written so far, in order; lines without it are
   * skipped, and a missing file has none.
   *
   * @param key the name of the values
   * @return the values, in order
   * @throws IOException when the file cannot be read
   */
  public List<Double> column(String key) throws IOException {
    List<Double> values = new ArrayList<>();
    if (!Files.exists(path)) {
      return values;
    }
    int number = 0;
    for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
      number++;
      try {
        JsonObject object = JsonParser.parseString(line).getAsJsonObject();
        if (object.has(key)) {
          values.add(object.get(key).getAsDouble());
        }
      } catch (RuntimeException e) {
        throw new IOException(path + ", line " + number + ": not a JSON object of metrics", e);
      }
    }
    return values;
  }

  /**
   * Drops the lines of epochs after {@code last}, and a last line that a crash cut short, so that
   * the file holds what the checkpoint of epoch {@code last} holds; it is rewritten through a
   * temporary file, and only when a line goes.
   *
   * @param last the last epoch to keep
   * @throws IOException when the file cannot be read or rewritten
   */
  public void keepEpochs(int last) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    List<String> kept = new ArrayList<>();
    List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      try {
        JsonObject object = JsonParser.parseString(lines.get(i)).getAsJsonObject();
        if (!object.has("epoch") || object.get("epoch").getAsInt() <= last) {
          kept.add(lines.get(i));
        }
      } catch (RuntimeException e) {
        if (i < lines.size() - 1) {
          throw new IOException(path + ", line " + (i + 1) + ": not a JSON object of metrics", e);
        }
      }
    }
    if (kept.size() < lines.size()) {
      Path temp = Files.createTempFile(path.toAbsolutePath().getParent(), path.getFileName() + ".", ".tmp");
      Files.write(temp, kept, StandardCharsets.UTF_8);
      Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /**
   * The file.
   *
   * @return the file
   */
  public Path path() {
    return path;
  }
}
