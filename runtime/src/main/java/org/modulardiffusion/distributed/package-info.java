/**
 * Training over several workers: the rendezvous through which workers find each other (a
 * key-value store served by rank 0 over TCP). The collectives themselves, Gloo's through a JNI
 * library of ours, are a measured prototype in {@code runtime/src/main/native/gloo-prototype}
 * until the build compiles them. Uses nothing of the engine.
 */
package org.modulardiffusion.distributed;
