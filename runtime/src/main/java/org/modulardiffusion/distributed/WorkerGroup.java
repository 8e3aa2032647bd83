package org.modulardiffusion.distributed;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.modulardiffusion.train.Workers;

/**
 * The workers of a job, joined: each found the others through rank 0's store, and Gloo connects
 * every pair of them for the sums of a training step. A failure of a collective — a worker that
 * died, stalled past the timeout or cannot be reached — is an {@link IllegalStateException} that
 * names this worker, the worker that stopped (as their heartbeats tell) and the way on,
 * after which the group is unusable.
 */
public final class WorkerGroup implements Workers, AutoCloseable {
  private final WorkerEnvironment place;
  private final TcpStore store;
  /** The store's connection that the heartbeat uses: rank 0's own store, another one elsewhere. */
  private final TcpStore beatStore;
  private final Heartbeat heartbeat;
  private final Collective collective;
  private final Duration timeout;
  /** The time spent in {@link #sum} so far. */
  private long summing;
  /** NCCL for the sums on GPUs, once the first such sum has chosen it, or empty where it chose the host. */
  private Optional<Nccl> gpuSums;

  private WorkerGroup(WorkerEnvironment place, TcpStore store, TcpStore beatStore, Heartbeat heartbeat,
      Collective collective, Duration timeout) {
    this.place = place;
    this.store = store;
    this.beatStore = beatStore;
    this.heartbeat = heartbeat;
    this.collective = collective;
    this.timeout = timeout;
  }

  /**
   * Joins the job that {@code place} describes: rank 0 serves the rendezvous at {@code
   * MASTER_PORT}, every worker connects to every other; {@code timeout} bounds the wait for the
   * others here and in every later collective.
   *
   * @param place this worker's place in the job
   * @param timeout the longest wait for the others
   * @return the group, which the caller closes
   * @throws IllegalStateException when the collective library is not available, rank 0's port
   *     is taken, or the others cannot be reached in time
   */
  public static WorkerGroup join(WorkerEnvironment place, Duration timeout) {
    if (!Collective.available()) {
      throw new IllegalStateException("training on several workers: " + Collective.unavailableReason().orElseThrow());
    }
    TcpStore store;
    try {
      store = place.rank() == 0
          ? TcpStore.serve(place.masterPort())
          : TcpStore.connect(place.masterAddress(), place.masterPort(), timeout);
    } catch (CollectiveException e) {
      throw new IllegalStateException(where(place) + e.getMessage() + "; " + (place.rank() == 0
          ? "MASTER_PORT must be a port free on this machine"
          : "MASTER_ADDR and MASTER_PORT must name rank 0's machine, reachable from this one, and rank 0 must run"), e);
    }
    TcpStore beatStore = store;
    Heartbeat heartbeat = null;
    try {
      if (place.rank() != 0) {
        beatStore = TcpStore.connect(place.masterAddress(), place.masterPort(), timeout);
      }
      heartbeat = Heartbeat.start(beatStore, place.rank());
      return new WorkerGroup(place, store, beatStore, heartbeat,
          Collective.connect(place.rank(), place.count(), hostname(place, store), store.withPrefix("gloo/"), timeout),
          timeout);
    } catch (CollectiveException e) {
      if (heartbeat != null) {
        heartbeat.close();
      }
      if (beatStore != store) {
        beatStore.close();
      }
      store.close();
      throw new IllegalStateException(where(place) + "the workers could not connect: " + e.getMessage()
          + "; every worker of the job must start within the timeout (train.timeout)", e);
    }
  }

  /**
   * Checks that every worker has the same {@code value} of {@code what}, such as its config, and
   * refuses the job naming the first worker whose value differs from rank 0's, and the first line
   * where they part.
   *
   * @param what what the value is, for the error
   * @param value this worker's value
   * @throws IllegalStateException when a worker's value differs
   */
  public void agree(String what, String value) {
    set("agree/" + what + "/" + place.rank(), value);
    String first = get("agree/" + what + "/0");
    for (int rank = 1; rank < place.count(); rank++) {
      String other = get("agree/" + what + "/" + rank);
      if (!other.equals(first)) {
        throw new IllegalStateException(String.format(
            "worker %d of %d runs with another %s than worker 0: %s; start every worker with the same",
            rank, place.count(), what, firstDifference(first, other)));
      }
    }
  }

  /**
   * Rank 0's {@code value} of {@code what}, on every worker: a choice one worker makes for all.
   *
   * @param what what the value is
   * @param value this worker's value, used on rank 0 only
   * @return rank 0's value
   */
  public String shared(String what, String value) {
    if (place.rank() == 0) {
      set("shared/" + what, value);
      return value;
    }
    return get("shared/" + what);
  }

  private void set(String key, String value) {
    try {
      store.set(key, value.getBytes(StandardCharsets.UTF_8));
    } catch (CollectiveException e) {
      throw lost(e);
    }
  }

  /** The value of {@code key} once a worker has set it, waiting for it at most the timeout. */
  private String get(String key) {
    try {
      return new String(store.get(key, timeout.toMillis()), StandardCharsets.UTF_8);
    } catch (CollectiveException e) {
      throw lost(e);
    }
  }

  @Override
  public int rank() {
    return place.rank();
  }

  @Override
  public int count() {
    return place.count();
  }

  /**
   * Sums {@code array} over the workers: in place, with Gloo, when it is float32 on the CPU (its
   * memory is handed to Gloo, no copy), and with NCCL on a GPU where every worker has it; else
   * through a copy on the host.
   */
  @Override
  public void sum(NDArray array) {
    long start = System.nanoTime();
    try {
      boolean float32 = array.getDataType() == DataType.FLOAT32;
      if (array.getDevice().isGpu() && float32 && gpuSums(array.getDevice()).isPresent()) {
        gpuSums.orElseThrow().allReduceSum(array);
      } else if (array.getDevice().isGpu() || !float32) {
        try (NDArray host = array.toDevice(Device.cpu(), true).toType(DataType.FLOAT32, true)) {
          collective.allReduceSum(host.toByteBuffer(true));
          host.toType(array.getDataType(), false).toDevice(array.getDevice(), false).copyTo(array);
        }
      } else {
        collective.allReduceSum(array.toByteBuffer(true));
      }
    } catch (CollectiveException e) {
      throw lost(e);
    } finally {
      summing += System.nanoTime() - start;
    }
  }

  /**
   * What sums on GPUs: NCCL where every worker has it, chosen by all on the first such sum (which
   * they reach together), else the host.
   */
  private Optional<Nccl> gpuSums(Device device) {
    if (gpuSums == null) {
      set("nccl/" + place.rank(), Nccl.unavailableReason().orElse(""));
      boolean everyone = true;
      for (int rank = 0; rank < place.count(); rank++) {
        everyone &= get("nccl/" + rank).isEmpty();
      }
      gpuSums = everyone
          ? Optional.of(Nccl.connect(place.rank(), place.count(), device.getDeviceId(), store, timeout))
          : Optional.empty();
    }
    return gpuSums;
  }

  /**
   * What sums the gradients: "Gloo", "NCCL 2.21.5" or "Gloo through the host".
   *
   * @return the backend's name
   */
  public String backend() {
    if (gpuSums == null) {
      return "Gloo";
    }
    return gpuSums.map(nccl -> "NCCL " + Nccl.version().orElse("")).orElse("Gloo through the host");
  }

  /**
   * The time this worker has spent in sums so far, waiting for the others included.
   *
   * @return the time spent
   */
  public Duration summing() {
    return Duration.ofNanos(summing);
  }

  /** Returns when every worker has called it. */
  public void barrier() {
    try {
      collective.barrier();
    } catch (CollectiveException e) {
      throw lost(e);
    }
  }

  @Override
  public void close() {
    if (gpuSums != null) {
      gpuSums.ifPresent(Nccl::close);
    }
    collective.close();
    heartbeat.close();
    if (beatStore != store) {
      beatStore.close();
    }
    store.close();
  }

  private IllegalStateException lost(CollectiveException e) {
    return new IllegalStateException(where(place) + stopped() + " (" + e.getMessage() + "); its own output says"
        + " why; train --resume goes on from the latest checkpoint", e);
  }

  /** Which of the others stopped, as their heartbeats tell: "worker 1 stopped answering". */
  private String stopped() {
    String how = "stopped answering: killed, crashed or stalled past train.timeout";
    try {
      List<Integer> silent = Heartbeat.silent(store, place.rank(), place.count());
      if (silent.isEmpty()) {
        return "lost the other workers, all of whom still answer: a connection between workers broke";
      }
      return (silent.size() == 1 ? "worker " : "workers ")
          + silent.stream().map(String::valueOf).collect(Collectors.joining(", ")) + " " + how;
    } catch (CollectiveException storeGone) {
      return "worker 0, which serves the job's store, " + how;
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return "lost the other workers";
    }
  }

  private static String where(WorkerEnvironment place) {
    return "worker " + place.rank() + " of " + place.count() + ": ";
  }

  /**
   * This machine's address as the other workers reach it: for rank 0, {@code MASTER_ADDR}; for
   * another, the address its connection to rank 0 leaves from.
   */
  private static String hostname(WorkerEnvironment place, TcpStore store) {
    return place.rank() == 0 ? place.masterAddress() : store.localAddress().getHostAddress();
  }

  /** "line 3: 'a' against 'b'": where two texts part. */
  static String firstDifference(String first, String other) {
    String[] a = first.split("\n", -1);
    String[] b = other.split("\n", -1);
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      String left = i < a.length ? a[i] : "";
      String right = i < b.length ? b[i] : "";
      if (!left.equals(right)) {
        return String.format("line %d is \"%s\" against \"%s\"", i + 1, right.strip(), left.strip());
      }
    }
    return "they differ";
  }
}
