/**
 * Training over several workers: the rendezvous through which workers find each other (a
 * key-value store served by rank 0 over TCP), each worker's heartbeat in it, and the collectives
 * — Gloo's on CPUs, through a JNI library of ours that the build compiles from {@code
 * runtime/src/main/native}, and NCCL's on GPUs, through its C API — joined as a {@link
 * org.modulardiffusion.train.Workers} of the training loop. It uses that interface of train and
 * the NVIDIA driver's calls of device, nothing else of the project.
 */
package org.modulardiffusion.distributed;
