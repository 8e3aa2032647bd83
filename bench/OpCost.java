import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.pytorch.jni.JniUtils;
import java.util.function.Supplier;
import org.modulardiffusion.nn.Scalars;

/**
 * The cost of one operation on small arrays through DJL, as a step of the tiny configs pays it:
 * made, then closed. {@code bench/op_cost.py} times the same operations through PyTorch's Python
 * front end. One thread, no gradients; the best of five rounds of 100,000 calls each.
 *
 * <pre>
 * LD_PRELOAD=libtcmalloc_minimal.so.4 java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 \
 *     -Dai.djl.pytorch.num_interop_threads=1 -cp "$(cat modules-std/target/classpath.txt)" bench/OpCost.java
 * </pre>
 */
public final class OpCost {
  private static final int CALLS = 100_000;

  public static void main(String[] args) {
    try (NDManager manager = NDManager.newBaseManager()) {
      JniUtils.setGradMode(false);
      NDArray x = manager.randomNormal(new Shape(4, 16, 16));
      NDArray w = manager.randomNormal(new Shape(48, 16));
      NDArray b = manager.randomNormal(new Shape(48));
      NDArray gamma = manager.ones(new Shape(16));
      NDArray beta = manager.zeros(new Shape(16));
      time("add", () -> x.add(x));
      time("times a number", () -> Scalars.times(x, 0.5));
      time("reshape", () -> x.reshape(64, 16));
      time("softmax", () -> x.softmax(-1));
      time("layer norm", () -> LayerNorm.layerNorm(x, new Shape(16), gamma, beta, 1e-5f).singletonOrThrow());
      time("linear 16 to 48", () -> Linear.linear(x, w, b).singletonOrThrow());
    }
  }

  private static void time(String name, Supplier<NDArray> operation) {
    double best = Double.POSITIVE_INFINITY;
    for (int round = 0; round < 6; round++) {
      long start = System.nanoTime();
      for (int i = 0; i < CALLS; i++) {
        operation.get().close();
      }
      double micros = (System.nanoTime() - start) / 1e3 / CALLS;
      if (round > 0) { // the first round warms up
        best = Math.min(best, micros);
      }
    }
    System.out.printf("%-16s %6.2f µs%n", name, best);
  }
}
