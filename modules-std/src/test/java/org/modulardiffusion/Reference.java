package org.modulardiffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The values the Python library computed (golden/reference.json, copied from shared/golden so
 * the tests also run without it), and the comparison the tests use: a relative tolerance of
 * 1e-5, with an absolute floor of 1e-6 for values that are exactly 0.
 */
public final class Reference {
  public static final double RELATIVE = 1e-5;
  public static final double ABSOLUTE = 1e-6;
  private static final JsonObject ROOT = load();

  private Reference() {}

  private static JsonObject load() {
    try (Reader reader =
        new InputStreamReader(
            Reference.class.getResourceAsStream("/golden/reference.json"), StandardCharsets.UTF_8)) {
      return JsonParser.parseReader(reader).getAsJsonObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The element at a slash-separated path, e.g. {@code schedule/Cosine(10)}. */
  public static JsonElement at(String path) {
    JsonElement element = ROOT;
    for (String key : path.split("/")) {
      JsonObject object = element.getAsJsonObject();
      if (!object.has(key)) {
        fail("reference.json has no " + path);
      }
      element = object.get(key);
    }
    return element;
  }

  /** The scalar at {@code path}. */
  public static double scalar(String path) {
    return at(path).getAsDouble();
  }

  /** The (nested) array at {@code path} as a float32 tensor of its own shape. */
  public static NDArray tensor(NDManager manager, String path) {
    List<Long> shape = new ArrayList<>();
    JsonElement element = at(path);
    while (element.isJsonArray()) {
      shape.add((long) element.getAsJsonArray().size());
      element = element.getAsJsonArray().get(0);
    }
    List<Float> values = new ArrayList<>();
    flatten(at(path), values);
    float[] data = new float[values.size()];
    for (int i = 0; i < data.length; i++) {
      data[i] = values.get(i);
    }
    return manager.create(data, new Shape(shape.stream().mapToLong(Long::longValue).toArray()));
  }

  /** The integer array at {@code path} as an int64 tensor. */
  public static NDArray indices(NDManager manager, String path) {
    return tensor(manager, path).toType(DataType.INT64, false);
  }

  private static void flatten(JsonElement element, List<Float> values) {
    if (element.isJsonArray()) {
      JsonArray array = element.getAsJsonArray();
      array.forEach(e -> flatten(e, values));
    } else {
      values.add(element.getAsFloat());
    }
  }

  /** Asserts that {@code actual}, broadcast to the reference's shape, matches it. */
  public static void assertMatches(String path, NDArray actual) {
    NDArray expected = tensor(actual.getManager(), path);
    NDArray broadcast = actual.getShape().equals(expected.getShape()) ? actual : actual.broadcast(expected.getShape());
    assertArrayEquals(expected.getShape().getShape(), broadcast.getShape().getShape(), path + ": shape");
    assertClose(path, expected.toFloatArray(), broadcast.toType(DataType.FLOAT32, false).toFloatArray());
  }

  /** Asserts that the scalar {@code actual} matches the reference scalar at {@code path}. */
  public static void assertMatches(String path, double actual) {
    assertClose(path, new float[] {(float) scalar(path)}, new float[] {(float) actual});
  }

  /** Asserts element by element closeness within the reference tolerance. */
  public static void assertClose(String what, float[] expected, float[] actual) {
    assertClose(what, expected, actual, RELATIVE, ABSOLUTE);
  }

  /** Asserts element by element closeness within a relative tolerance with an absolute floor. */
  public static void assertClose(String what, float[] expected, float[] actual, double relative, double absolute) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      double tolerance = Math.max(relative * Math.abs(expected[i]), absolute);
      if (!(Math.abs(expected[i] - actual[i]) <= tolerance)) {
        fail(what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]);
      }
    }
  }
}
