package org.modulardiffusion.engine;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.modulardiffusion.device.Devices;
import org.modulardiffusion.device.EngineFailure;

/**
 * The memory a net needs in training, checked against the memory its device has available
 * before it is taken: its parameters, counted before any is allocated, with the gradient and
 * Adam's two moments of each; and the activations of a training batch, estimated from a forward
 * pass on a few examples.
 */
final class MemoryBudget {
  /** Copies of each weight that training keeps: the weight, its gradient and Adam's two moments. */
  private static final int COPIES = 4;
  private static final BigInteger BYTES = BigInteger.valueOf((long) Float.BYTES * COPIES);
  private static final BigDecimal GIB = BigDecimal.valueOf(1L << 30);

  /** The values counted, exactly: a net may ask for more than a long holds. */
  private BigInteger values = BigInteger.ZERO;
  /** Whether every parameter was counted: counting stops at one too large for PyTorch to describe. */
  private boolean complete = true;
  private BigInteger largestValues = BigInteger.ZERO;
  private String largest = "";
  private Shape largestShape = new Shape();

  /** Activations kept in a training step, per value of the forward pass: its own and its gradient's. */
  private static final int ACTIVATION_COPIES = 2;

  private MemoryBudget() {}

  /**
   * Checks the parameters {@code block} would create for {@code inputs}; {@code owner}, such as
   * {@code net (UNet)}, names it in errors. When they would not fit, the block built with each of
   * {@code settings} at its default is counted too, and the error names the one setting that
   * alone makes the difference, if one does.
   *
   * @throws IllegalArgumentException when a shape has a dimension below 1, or the parameters
   *     cannot be allocated
   */
  static void checkParameters(
      Block block, NDManager manager, Shape[] inputs, String owner, List<NetSetting> settings) {
    MemoryBudget budget = count(block, manager, inputs, owner);
    long free = Devices.availableMemory(manager.getDevice());
    if (budget.fits(free)) {
      return;
    }
    String bound = budget.complete ? "" : "at least ";
    String needs = String.format("%s%,d parameters, which would need %s%s GiB to train (the largest%s, %s, has"
        + " shape %s), more than the %s GiB available %s", bound, budget.values, bound, gib(new BigDecimal(budget.bytes())),
        budget.complete ? "" : " counted", budget.largest, budget.largestShape, gib(free), where(manager.getDevice()));
    List<NetSetting> culprits =
        settings.stream().filter(setting -> fitsAtDefault(setting, manager, inputs, owner, free)).toList();
    if (culprits.size() == 1) {
      NetSetting culprit = culprits.get(0);
      throw new IllegalArgumentException(String.format("%s: %s gives %s %s; at its default the net would fit",
          culprit.name(), culprit.value(), owner, needs));
    }
    String advice;
    if (culprits.size() > 1) {
      advice = "any one of " + String.join(", ", culprits.stream().map(NetSetting::name).toList())
          + " at its default would make it fit";
    } else if (settings.isEmpty()) {
      advice = "make the net smaller";
    } else {
      advice = "no one of its settings at its default would make it fit; make the net smaller";
    }
    throw new IllegalArgumentException(String.format("%s: it has %s; %s", owner, needs, advice));
  }

  /**
   * Whether the net built with {@code setting} at its default would fit in {@code free} bytes; not
   * when it cannot be built or counted that way (a default that the net's other values refuse).
   */
  private static boolean fitsAtDefault(NetSetting setting, NDManager manager, Shape[] inputs, String owner, long free) {
    try {
      return count(setting.atDefault().get(), manager, inputs, owner).fits(free);
    } catch (RuntimeException e) {
      // Only the error of the net as given counts; this one only looks for its cause.
      return false;
    }
  }

  /**
   * Counts the parameters {@code block} would create for {@code inputs}. It initializes the block
   * once with placeholders that take no memory (a broadcast scalar), then returns it to its
   * uninitialized state. A block may add parameters while it is initialized (a layer whose size
   * depends on the data's shape): those it allocates itself, and they are counted after the fact.
   */
  static MemoryBudget count(Block block, NDManager manager, Shape[] inputs, String owner) {
    MemoryBudget budget = new MemoryBudget();
    List<Pair<String, Parameter>> parameters = new ArrayList<>();
    block.getParameters().forEach(parameters::add);
    List<Initializer> initializers = new ArrayList<>();
    List<Boolean> trainable = new ArrayList<>();
    for (Pair<String, Parameter> entry : parameters) {
      Parameter parameter = entry.getValue();
      initializers.add(parameter.getInitializer());
      trainable.add(parameter.requiresGradient());
      // A placeholder is a view, which cannot require a gradient.
      parameter.freeze(true);
      parameter.setInitializer(new Counting(budget, entry.getKey(), owner));
    }
    Set<Parameter> known = Collections.newSetFromMap(new IdentityHashMap<>());
    parameters.forEach(entry -> known.add(entry.getValue()));
    try (NDManager placeholders = manager.newSubManager()) {
      block.initialize(placeholders, DataType.FLOAT32, inputs);
      block.getParameters().forEach(entry -> {
        if (!known.contains(entry.getValue()) && entry.getValue().isInitialized()) {
          budget.add(entry.getKey(), entry.getValue().getArray().getShape(), owner);
        }
      });
    } catch (Indescribable e) {
      budget.complete = false;
    } catch (EngineException e) {
      if (EngineFailure.outOfMemory(e)) {
        throw new IllegalArgumentException(owner + ": its parameters need more memory than this machine has; make the"
            + " net smaller", e);
      }
      throw e;
    } finally {
      block.getParameters().values().forEach(Parameter::close);
      for (int i = 0; i < parameters.size(); i++) {
        Parameter parameter = parameters.get(i).getValue();
        parameter.setInitializer(initializers.get(i));
        parameter.freeze(!trainable.get(i));
      }
    }
    return budget;
  }

  /** The number of values counted so far. */
  BigInteger values() {
    return values;
  }

  /** The bytes training takes for the values counted: each with its copies. */
  private BigInteger bytes() {
    return values.multiply(BYTES);
  }

  /** Whether training fits the values counted in {@code free} bytes. */
  private boolean fits(long free) {
    return bytes().compareTo(BigInteger.valueOf(free)) <= 0;
  }

  /**
   * Counts a parameter of {@code shape}.
   *
   * @throws Indescribable when it has more values than a long holds, which no placeholder can
   *     stand in for
   */
  private void add(String name, Shape shape, String owner) {
    BigInteger size = BigInteger.ONE;
    for (long dimension : shape.getShape()) {
      if (dimension < 1) {
        throw new IllegalArgumentException(
            owner + ": parameter " + name + " would have shape " + shape + "; every size and width must be at least 1");
      }
      size = size.multiply(BigInteger.valueOf(dimension));
    }
    values = values.add(size);
    if (size.compareTo(largestValues) > 0) {
      largest = name;
      largestShape = shape;
      largestValues = size;
    }
    if (size.bitLength() >= Long.SIZE) {
      throw new Indescribable();
    }
  }

  /** A parameter with more values than PyTorch can describe; the count so far is a lower bound. */
  private static final class Indescribable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Indescribable() {
      super(null, null, false, false);
    }
  }

  /** The bytes of the arrays {@code pass} holds: the activations of a forward pass it ran. */
  static long activationBytes(NDManager pass) {
    long bytes = 0;
    for (NDArray array : pass.getManagedArrays()) {
      bytes += array.size() * array.getDataType().getNumOfBytes();
    }
    return bytes;
  }

  /**
   * Checks the activations of a training batch of {@code batch} examples, given those of one
   * example's forward pass, {@code perExample} bytes.
   *
   * @throws IllegalArgumentException when they would not fit, ending with {@code advice}
   */
  static void checkActivations(Device device, double perExample, int batch, String owner, String advice) {
    double needed = perExample * batch * ACTIVATION_COPIES;
    long free = Devices.availableMemory(device);
    if (needed > free) {
      throw new IllegalArgumentException(String.format(
          "%s: a training batch of %,d would need about %s GiB for its activations (%s MiB an example), more than"
              + " the %s GiB available %s; make the net smaller or %s",
          owner, batch, gib(needed),
          String.format("%,.2f", perExample * ACTIVATION_COPIES / (1 << 20)), gib(free), where(device), advice));
    }
  }

  /**
   * Checks a sampling run of {@code count} examples at once, given the activations of one
   * example's forward pass, {@code perExample} bytes (held once: no gradients are recorded), and
   * the bytes of the trajectory it keeps, {@code trajectoryBytes}, in {@code positions} positions.
   *
   * @throws IllegalArgumentException when they would not fit
   */
  static void checkSampling(Device device, double perExample, long count, long positions, double trajectoryBytes) {
    double activations = perExample * count;
    double needed = activations + trajectoryBytes;
    long free = Devices.availableMemory(device);
    if (needed > free) {
      throw new IllegalArgumentException(String.format(
          "sampling %,d examples at once would need about %s GiB, %s for the net's activations in a step and %s for"
              + " the %,d positions of their trajectory; more than the %s GiB available %s; sample fewer at a time",
          count, gib(needed), gib(activations), gib(trajectoryBytes), positions, gib(free), where(device)));
    }
  }

  private static String where(Device device) {
    return device.isGpu() ? "on " + device : "on this machine";
  }

  private static String gib(double bytes) {
    return gib(new BigDecimal(bytes));
  }

  /** Bytes in GiB, to a tenth: exactly, however many. */
  private static String gib(BigDecimal bytes) {
    return String.format("%,.1f", bytes.divide(GIB, 1, RoundingMode.HALF_UP));
  }

  /** Counts its parameter and stands in for it with a broadcast scalar. */
  private record Counting(MemoryBudget budget, String name, String owner) implements Initializer {
    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
      budget.add(name, shape, owner);
      return manager.zeros(new Shape(), dataType).broadcast(shape);
    }
  }
}
