package org.modulardiffusion.report;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes arrays as a NumPy {@code .npz} file (a zip of one {@code NAME.npy} per array, DJL's
 * encoding), atomically: {@code numpy.load(path)["NAME"]} reads each back.
 */
public final class Npz {
  private Npz() {}

  /**
   * Writes each array of {@code arrays} under its key; the arrays' names are set to the keys.
   *
   * @param arrays the arrays, by name
   * @param path the file to write
   * @throws IOException when it cannot be written
   */
  public static void write(Map<String, NDArray> arrays, Path path) throws IOException {
    NDList list = new NDList();
    arrays.forEach(
        (name, array) -> {
          array.setName(name);
          list.add(array);
        });
    AtomicFile.write(
        path,
        file -> {
          try (OutputStream out = Files.newOutputStream(file)) {
            list.encode(out, NDList.Encoding.NPZ);
          }
        });
  }
}
