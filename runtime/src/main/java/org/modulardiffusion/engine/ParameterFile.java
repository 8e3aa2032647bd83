package org.modulardiffusion.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.modulardiffusion.nn.NoGradients;

/**
 * Reads and writes the values of named parameters: a small, versioned binary format (no Java
 * serialization). Writing goes to a temporary file that is then renamed, so a crash never leaves
 * a half-written file; reading checks every name and shape before it changes any parameter.
 */
public final class ParameterFile {
  private static final int MAGIC = 0x4d44_5031; // "MDP1"
  private static final NDIndex ALL = new NDIndex("...");

  private ParameterFile() {}

  /**
   * Writes the parameters' values to {@code path}, atomically.
   *
   * @param path the file to write
   * @param parameters the parameters, by name, in the order they are written
   * @throws IOException when the file cannot be written
   */
  public static void write(Path path, Map<String, Parameter> parameters) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temp = Files.createTempFile(parent, path.getFileName() + ".", ".tmp");
    try {
      try (DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp)))) {
        out.writeInt(MAGIC);
        out.writeInt(parameters.size());
        for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
          NDArray array = entry.getValue().getArray();
          out.writeUTF(entry.getKey());
          long[] shape = array.getShape().getShape();
          out.writeInt(shape.length);
          for (long dimension : shape) {
            out.writeLong(dimension);
          }
          for (float value : array.toType(DataType.FLOAT32, false).toFloatArray()) {
            out.writeFloat(value);
          }
        }
      }
      Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Reads {@code path} into the parameters, which must match it name for name and shape for
   * shape; on any mismatch or a damaged file nothing is changed.
   *
   * @param path the file to read
   * @param parameters the parameters to set, by name
   * @throws IOException naming the file and what does not fit
   */
  public static void read(Path path, Map<String, Parameter> parameters) throws IOException {
    apply(values(path, parameters), parameters);
  }

  /**
   * Reads the values in {@code path} for the parameters, checking that they match it name for
   * name and shape for shape and that every value is finite, without changing them.
   *
   * @param path the file to read
   * @param parameters the parameters the file must match, by name
   * @return the values, one array per parameter, in their order
   * @throws IOException naming the file and what does not fit
   */
  public static List<float[]> values(Path path, Map<String, Parameter> parameters) throws IOException {
    List<float[]> values = new ArrayList<>();
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(path)))) {
      if (in.readInt() != MAGIC) {
        throw new IOException(path + ": not a Modular Diffusion parameter file");
      }
      int count = in.readInt();
      if (count != parameters.size()) {
        throw new IOException(
            path + ": holds " + count + " parameters, this model has " + parameters.size()
                + "; was it saved from a different architecture?");
      }
      for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
        String name = in.readUTF();
        long[] dimensions = new long[in.readInt()];
        for (int i = 0; i < dimensions.length; i++) {
          dimensions[i] = in.readLong();
        }
        Shape saved = new Shape(dimensions);
        Shape expected = entry.getValue().getArray().getShape();
        if (!name.equals(entry.getKey()) || !saved.equals(expected)) {
          throw new IOException(
              path + ": parameter " + (values.size() + 1) + " is " + name + " " + saved
                  + ", this model has " + entry.getKey() + " " + expected
                  + "; was it saved from a different architecture?");
        }
        float[] data = new float[Math.toIntExact(saved.size())];
        for (int i = 0; i < data.length; i++) {
          data[i] = in.readFloat();
          if (!Float.isFinite(data[i])) {
            throw new IOException(path + ": parameter " + name + " holds " + data[i]
                + "; the run had diverged when it was saved, so these weights cannot be used");
          }
        }
        values.add(data);
      }
      if (in.read() != -1) {
        throw new IOException(path + ": unexpected data after the last parameter");
      }
    } catch (EOFException e) {
      throw new IOException(path + ": the file ends early; it is truncated or damaged", e);
    }
    return values;
  }

  /**
   * Sets the parameters to values read by {@link #values}, in place: a parameter's array may be a
   * view of a larger buffer ({@link ParameterBuffer}), which must see the new values.
   *
   * @param values the values, one array per parameter, in their order
   * @param parameters the parameters to set
   */
  public static void apply(List<float[]> values, Map<String, Parameter> parameters) {
    int i = 0;
    try (NoGradients off = new NoGradients()) {
      for (Parameter parameter : parameters.values()) {
        NDArray array = parameter.getArray();
        try (NDArray value = array.getManager().create(values.get(i++), array.getShape())) {
          array.set(ALL, value);
        }
      }
    }
  }
}
