package org.modulardiffusion.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** {@link EngineFailure} tells running out of memory from other failures of PyTorch's. */
class EngineFailureTest {
  /** What PyTorch's CUDA allocator says when a GPU is full (c10's OutOfMemoryError, PyTorch 2.x). */
  private static final String CUDA_OUT_OF_MEMORY = "CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total"
      + " capacity of 79.19 GiB of which 1.06 GiB is free. Of the allocated memory 76.50 GiB is allocated by PyTorch,"
      + " and 112.00 MiB is reserved by PyTorch but unallocated.";

  @Test
  void theCpuAllocatorsAndCudasRefusalsAreOutOfMemory() {
    try (NDManager manager = NDManager.newBaseManager()) {
      // 4 PiB: more than any process can address.
      EngineException cpu = assertThrows(EngineException.class, () -> manager.zeros(new Shape(1L << 50)));
      assertTrue(EngineFailure.outOfMemory(cpu), cpu.getMessage());
    }
    assertTrue(EngineFailure.outOfMemory(new EngineException(CUDA_OUT_OF_MEMORY)));
    assertTrue(EngineFailure.outOfMemory(new EngineException("CUDA error: out of memory")));
    assertTrue(EngineFailure.outOfMemory(new EngineException(
        "CUDA error: CUBLAS_STATUS_ALLOC_FAILED when calling `cublasCreate(handle)`")));
  }

  @Test
  void otherFailuresAreToldWithTheFirstLineOfPyTorchsReason() {
    try (NDManager manager = NDManager.newBaseManager()) {
      EngineException mismatch =
          assertThrows(EngineException.class, () -> manager.ones(new Shape(3)).add(manager.ones(new Shape(4))));
      assertFalse(EngineFailure.outOfMemory(mismatch));
      IllegalStateException told = EngineFailure.of("sampling step 2 of 5", manager, mismatch, "sample fewer");
      assertEquals("sampling step 2 of 5 failed in PyTorch on cpu(): The size of tensor a (3) must match the size of"
          + " tensor b (4) at non-singleton dimension 0", told.getMessage());
      assertSame(mismatch, told.getCause());
      assertEquals("step 1 failed in PyTorch on cpu(): device-side assert triggered", EngineFailure.of("step 1", manager,
          new EngineException("device-side assert triggered\nCUDA kernel errors might be reported asynchronously"), "")
          .getMessage());
    }
  }
}
