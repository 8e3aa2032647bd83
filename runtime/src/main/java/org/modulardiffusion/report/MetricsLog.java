package org.modulardiffusion.report;

import com.google.gson.Gson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/** A file of metrics, one JSON object per line ({@code metrics.jsonl}), appended to. */
public final class MetricsLog {
  private static final Gson GSON = new Gson();
  private final Path path;

  /** @param path the file; created on the first line */
  public MetricsLog(Path path) {
    this.path = path;
  }

  /** Appends {@code metrics} as one line; each line is written whole. */
  public void append(Map<String, ?> metrics) throws IOException {
    Files.createDirectories(path.toAbsolutePath().getParent());
    Files.writeString(
        path,
        GSON.toJson(metrics) + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /** The file. */
  public Path path() {
    return path;
  }
}
