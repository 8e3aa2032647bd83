package org.modulardiffusion.distributed;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.modulardiffusion.device.CudaDriver;

/**
 * NVIDIA's collective library, NCCL, for sums of arrays on GPUs, as PyTorch's DDP does them: on
 * the array's own memory, on the stream PyTorch computes on (each device's default stream), one
 * communicator per job. It is reached through NCCL's stable C API with JNA, and uses the
 * libnccl.so.2 that PyTorch's CUDA builds bring and have loaded by the time DJL's engine runs on
 * them; PyTorch's CPU builds have none, and this is then {@link #unavailableReason() unavailable}.
 *
 * <p>The host waits for the communicator's set-up and for each sum at most the job's timeout
 * ({@link NcclWait}), so that a worker that died, stalled or never came stops the others, as
 * Gloo's waits do.
 */
public final class Nccl implements AutoCloseable {
  /** ncclFloat32 of nccl.h. */
  private static final int FLOAT32 = 7;
  /** ncclSum of nccl.h. */
  private static final int SUM = 0;
  /** CUDA_ERROR_NOT_READY of cuda.h: the stream's work goes on. */
  private static final int NOT_READY = 600;
  /** The bytes of an ncclUniqueId. */
  static final int UNIQUE_ID_BYTES = 128;

  private final Api nccl;
  private final CudaDriver.Api cuda;
  private final Pointer communicator;
  private final Duration timeout;
  private boolean aborted;

  private Nccl(Api nccl, CudaDriver.Api cuda, Pointer communicator, Duration timeout) {
    this.nccl = nccl;
    this.cuda = cuda;
    this.communicator = communicator;
    this.timeout = timeout;
  }

  /**
   * Why NCCL cannot sum here, in words that say what is missing; empty where it can.
   *
   * @return the reason, or empty
   */
  public static Optional<String> unavailableReason() {
    return Libraries.REASON;
  }

  /**
   * NCCL's version, "2.21.5", where it loads.
   *
   * @return the version, or empty
   */
  public static Optional<String> version() {
    return unavailableReason().isPresent() ? Optional.empty() : Optional.of(Libraries.version());
  }

  /**
   * Connects rank {@code rank} of {@code count} on GPU {@code device}: rank 0 makes the job's id
   * and shares it in {@code store}, the others read it there, and all create the communicator.
   *
   * @throws CollectiveException when NCCL is unavailable, the id or a worker does not come within
   *     {@code timeout}, or NCCL refuses
   */
  static Nccl connect(int rank, int count, int device, KeyValueStore store, Duration timeout) {
    unavailableReason().ifPresent(reason -> {
      throw new CollectiveException(reason);
    });
    byte[] id;
    if (rank == 0) {
      id = newId();
      store.set("nccl/id", id);
    } else {
      id = store.get("nccl/id", timeout.toMillis());
    }
    return create(rank, count, device, id, timeout);
  }

  /**
   * Sums [1, 2, 3] on GPU {@code device} in a job of one worker, which leaves it as it is: the
   * whole way of a sum but the network.
   *
   * @param device a GPU
   * @return why it failed or gave other numbers; empty where it ran
   */
  public static Optional<String> failureOn(Device device) {
    if (unavailableReason().isPresent()) {
      return unavailableReason();
    }
    try {
      byte[] id = newId();
      try (NDManager manager = NDManager.newBaseManager(device);
          Nccl nccl = create(0, 1, device.getDeviceId(), id, Duration.ofSeconds(30))) {
        NDArray numbers = manager.create(new float[] {1, 2, 3});
        nccl.allReduceSum(numbers);
        float[] sum = numbers.toFloatArray();
        return Arrays.equals(sum, new float[] {1, 2, 3})
            ? Optional.empty()
            : Optional.of("NCCL summed [1, 2, 3] on one worker to " + Arrays.toString(sum));
      }
    } catch (RuntimeException e) {
      return Optional.of(e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  /** A new job's id, made by NCCL. */
  private static byte[] newId() {
    UniqueId id = new UniqueId();
    check(Libraries.NCCL, Libraries.NCCL.ncclGetUniqueId(id), "ncclGetUniqueId");
    return id.internal;
  }

  /** Creates the communicator of rank {@code rank} of {@code count} in the job {@code id}, on GPU {@code device}. */
  private static Nccl create(int rank, int count, int device, byte[] id, Duration timeout) {
    if (id.length != UNIQUE_ID_BYTES) {
      throw new CollectiveException("NCCL: the job's id has " + id.length + " bytes, not " + UNIQUE_ID_BYTES);
    }
    UniqueId.ByValue byValue = new UniqueId.ByValue();
    System.arraycopy(id, 0, byValue.internal, 0, UNIQUE_ID_BYTES);
    Api nccl = Libraries.NCCL;
    CudaDriver.Api cuda = Libraries.CUDA;
    makeCurrent(cuda, device); // the sums run on this thread's device
    Pointer communicator = NcclWait.setUp(() -> {
      makeCurrent(cuda, device); // the communicator is made for this thread's device
      PointerByReference made = new PointerByReference();
      check(nccl, nccl.ncclCommInitRank(made, count, byValue, rank), "ncclCommInitRank");
      return made.getValue();
    }, timeout);
    return new Nccl(nccl, cuda, communicator, timeout);
  }

  /**
   * Replaces {@code array}, float32 and contiguous on this worker's GPU, with its sum over the
   * workers, in place, and returns when the sum is done.
   */
  synchronized void allReduceSum(NDArray array) {
    if (aborted) {
      throw new CollectiveException("NCCL: the communicator was aborted by an earlier failure");
    }
    if (array.getDataType() != DataType.FLOAT32 || !array.getDevice().isGpu()) {
      throw new IllegalArgumentException("NCCL sums float32 arrays on a GPU, not " + array.getDataType() + " on "
          + array.getDevice());
    }
    Pointer memory = Native.getDirectBufferPointer(DeviceMemory.of(array));
    check(nccl, nccl.ncclAllReduce(memory, memory, array.size(), FLOAT32, SUM, communicator, null), "ncclAllReduce");
    NcclWait.stream(new NcclWait.Stream() {
      @Override
      public boolean done() {
        int status = cuda.cuStreamQuery(null);
        if (status != 0 && status != NOT_READY) {
          throw new CollectiveException("CUDA error " + status + " while the sum ran");
        }
        return status == 0;
      }

      @Override
      public String error() {
        IntByReference error = new IntByReference();
        nccl.ncclCommGetAsyncError(communicator, error);
        return error.getValue() == 0 ? null : nccl.ncclGetErrorString(error.getValue());
      }

      @Override
      public void abort() {
        aborted = true;
        nccl.ncclCommAbort(communicator);
      }
    }, timeout);
  }

  /** Destroys the communicator, unless a failure aborted it. */
  @Override
  public synchronized void close() {
    if (!aborted) {
      aborted = true;
      nccl.ncclCommDestroy(communicator);
    }
  }

  /** Makes GPU {@code device}'s primary context this thread's current one, as PyTorch's own use of it does. */
  private static void makeCurrent(CudaDriver.Api cuda, int device) {
    PointerByReference context = new PointerByReference();
    IntByReference handle = new IntByReference();
    checkCuda(cuda.cuDeviceGet(handle, device), "cuDeviceGet");
    checkCuda(cuda.cuDevicePrimaryCtxRetain(context, handle.getValue()), "cuDevicePrimaryCtxRetain");
    checkCuda(cuda.cuCtxSetCurrent(context.getValue()), "cuCtxSetCurrent");
  }

  private static void check(Api nccl, int result, String call) {
    if (result != 0) {
      throw new CollectiveException("NCCL: " + call + " failed: " + nccl.ncclGetErrorString(result));
    }
  }

  private static void checkCuda(int result, String call) {
    if (result != 0) {
      throw new CollectiveException("CUDA: " + call + " failed with error " + result);
    }
  }

  /** The libraries, loaded once, after DJL's engine has loaded PyTorch's. */
  private static final class Libraries {
    static final CudaDriver.Api CUDA;
    static final Api NCCL;
    static final Optional<String> REASON;

    static {
      CudaDriver.Api cuda = CudaDriver.load().orElse(null);
      Api nccl = null;
      Optional<String> reason;
      if (cuda == null) {
        reason = Optional.of("no NVIDIA driver (libcuda.so.1) loads here");
      } else {
        try {
          nccl = Native.load("libnccl.so.2", Api.class);
          reason = DeviceMemory.unavailableReason();
        } catch (UnsatisfiedLinkError e) {
          reason = Optional.of("libnccl.so.2 does not load: the PyTorch that DJL runs on brings none (a CPU build,"
              + " or one that links NCCL statically)");
        }
      }
      CUDA = cuda;
      NCCL = nccl;
      REASON = reason;
    }

    static String version() {
      IntByReference code = new IntByReference();
      NCCL.ncclGetVersion(code);
      int v = code.getValue();
      // NCCL_VERSION(X, Y, Z) is X * 10000 + Y * 100 + Z since 2.9, X * 1000 + Y * 100 + Z before.
      return v >= 20900 ? v / 10000 + "." + v / 100 % 100 + "." + v % 100 : v / 1000 + "." + v / 100 % 10 + "." + v % 100;
    }
  }

  /**
   * The device memory of a DJL array: DJL's JNI makes a direct buffer of any contiguous tensor's
   * data pointer (its public API copies GPU arrays to the host first), which this reaches by
   * reflection; JNA reads the address back. Nothing reads or writes the buffer from Java.
   */
  private static final class DeviceMemory {
    private static final Object LIBRARY;
    private static final Method DIRECT_BUFFER;
    private static final Optional<String> REASON;

    static {
      Object library = null;
      Method directBuffer = null;
      Optional<String> reason = Optional.empty();
      try {
        Class<?> type = Class.forName("ai.djl.pytorch.jni.PyTorchLibrary");
        Field field = type.getDeclaredField("LIB");
        field.setAccessible(true);
        library = field.get(null);
        directBuffer = type.getDeclaredMethod("torchDirectByteBuffer", long.class);
        directBuffer.setAccessible(true);
      } catch (ReflectiveOperationException | RuntimeException e) {
        reason = Optional.of("this DJL does not expose a tensor's memory as 0.36 does (" + e + ")");
      }
      LIBRARY = library;
      DIRECT_BUFFER = directBuffer;
      REASON = reason;
    }

    static Optional<String> unavailableReason() {
      return REASON;
    }

    static ByteBuffer of(NDArray array) {
      try {
        return (ByteBuffer) DIRECT_BUFFER.invoke(LIBRARY, ((PtNDArray) array).getHandle());
      } catch (ReflectiveOperationException e) {
        throw new CollectiveException("NCCL: cannot reach the array's memory: " + e.getCause(), e);
      }
    }
  }

  /** ncclUniqueId: the job's id, which rank 0 makes and every rank passes to ncclCommInitRank. */
  @Structure.FieldOrder("internal")
  public static class UniqueId extends Structure {
    /** Its bytes. */
    public byte[] internal = new byte[UNIQUE_ID_BYTES];

    /** The id passed by value, as ncclCommInitRank takes it. */
    public static class ByValue extends UniqueId implements Structure.ByValue {}
  }

  /** The calls of NCCL's C API (nccl.h) this makes; each returns an ncclResult_t, 0 for success. */
  interface Api extends Library {
    int ncclGetVersion(IntByReference version);

    int ncclGetUniqueId(UniqueId id);

    int ncclCommInitRank(PointerByReference communicator, int count, UniqueId.ByValue id, int rank);

    int ncclAllReduce(Pointer send, Pointer receive, long count, int type, int operation, Pointer communicator,
        Pointer stream);

    int ncclCommGetAsyncError(Pointer communicator, IntByReference error);

    int ncclCommAbort(Pointer communicator);

    int ncclCommDestroy(Pointer communicator);

    String ncclGetErrorString(int result);
  }
}
