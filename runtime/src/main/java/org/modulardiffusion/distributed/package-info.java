/**
 * Training over several workers: the rendezvous through which workers find each other (a
 * key-value store served by rank 0 over TCP) and the collectives (Gloo's, through a JNI library
 * of ours that the build compiles from {@code runtime/src/main/native}), joined as a {@link
 * org.modulardiffusion.engine.Workers} of the training loop. Uses the engine's arrays and that
 * interface, nothing else of it.
 */
package org.modulardiffusion.distributed;
