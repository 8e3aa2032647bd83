package org.modulardiffusion.device;

import ai.djl.pytorch.jni.JniUtils;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations PyTorch runs for a piece of work, counted with PyTorch's own profiler: each
 * operation called from Java and each node of a backward pass, but not the operations these run
 * inside themselves. Each costs a call through DJL and, on a GPU, at least one kernel launch, so
 * the count measures a step's overhead on any machine.
 */
public final class OperationCount {
  /** The profiler's range around each backward node, which holds the node itself. */
  private static final String BACKWARD_WRAPPER = "autograd::engine::evaluate_function";

  private final Map<String, Integer> byName;
  private final Map<String, Double> microsByName;

  private OperationCount(Map<String, Integer> byName, Map<String, Double> microsByName) {
    this.byName = byName;
    this.microsByName = microsByName;
  }

  /**
   * Runs {@code work} under the profiler and counts the operations it ran.
   *
   * @param work the work
   * @return the count
   */
  public static OperationCount of(Runnable work) {
    Path trace = null;
    try {
      trace = Files.createTempFile("operations", ".json");
      JniUtils.startProfile(false, false, false);
      try {
        work.run();
      } finally {
        JniUtils.stopProfile(trace.toString());
      }
      try (Reader reader = Files.newBufferedReader(trace)) {
        return fromTrace(JsonParser.parseReader(reader));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read PyTorch's profile: " + e.getMessage(), e);
    } finally {
      if (trace != null) {
        trace.toFile().delete();
      }
    }
  }

  /** Counts the outermost events of a Chrome trace of PyTorch's profiler, thread by thread. */
  static OperationCount fromTrace(JsonElement trace) {
    List<Event> events = new ArrayList<>();
    for (JsonElement element : trace.getAsJsonArray()) {
      JsonObject event = element.getAsJsonObject();
      String name = event.get("name").getAsString();
      if (!name.startsWith(BACKWARD_WRAPPER)) {
        events.add(
            new Event(
                name,
                event.get("tid").getAsString(),
                event.get("ts").getAsDouble(),
                event.get("dur").getAsDouble()));
      }
    }
    events.sort(
        Comparator.comparing(Event::thread)
            .thenComparingDouble(Event::start)
            .thenComparing(Comparator.comparingDouble(Event::duration).reversed()));
    Map<String, Integer> byName = new LinkedHashMap<>();
    Map<String, Double> microsByName = new LinkedHashMap<>();
    String thread = null;
    double end = Double.NEGATIVE_INFINITY;
    for (Event event : events) {
      if (!event.thread().equals(thread) || event.start() >= end) {
        thread = event.thread();
        end = event.start() + event.duration();
        byName.merge(event.name(), 1, Integer::sum);
        microsByName.merge(event.name(), event.duration(), Double::sum);
      }
    }
    return new OperationCount(byName, microsByName);
  }

  /**
   * The number of operations.
   *
   * @return the number
   */
  public long total() {
    return byName.values().stream().mapToLong(Integer::longValue).sum();
  }

  /**
   * The operations of this count that are not in {@code other}, name by name: the work between two.
   *
   * @param other an earlier count
   * @return the difference
   */
  public OperationCount minus(OperationCount other) {
    Map<String, Integer> difference = new LinkedHashMap<>();
    Map<String, Double> microsDifference = new LinkedHashMap<>();
    byName.forEach(
        (name, count) -> {
          int left = count - other.byName.getOrDefault(name, 0);
          if (left != 0) {
            difference.put(name, left);
            microsDifference.put(name, microsByName.get(name) - other.microsByName.getOrDefault(name, 0.0));
          }
        });
    return new OperationCount(difference, microsDifference);
  }

  /**
   * The number of operations of each name, most frequent first.
   *
   * @return the counts, by name
   */
  public Map<String, Integer> byName() {
    Map<String, Integer> sorted = new LinkedHashMap<>();
    byName.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  /**
   * The time the profiler measured for the operations of {@code name}, in microseconds: their
   * share of the work, inflated by the profiler's own cost.
   *
   * @param name the operation's name
   * @return the time, 0 for an operation not counted
   */
  public double micros(String name) {
    return microsByName.getOrDefault(name, 0.0);
  }

  private record Event(String name, String thread, double start, double duration) {}
}
