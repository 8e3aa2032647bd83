/**
 * Training over several workers: the rendezvous through which workers find each other (a
 * key-value store served by rank 0 over TCP) and the collectives (Gloo's, through a JNI library
 * of ours that the build compiles from {@code runtime/src/main/native}), joined as a {@link
 * org.modulardiffusion.train.Workers} of the training loop. It uses that interface of train,
 * nothing else of the project.
 */
package org.modulardiffusion.distributed;
