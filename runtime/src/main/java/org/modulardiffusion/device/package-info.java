/**
 * Devices, natives and memory: the device a model runs on and the memory free there, a check
 * that PyTorch's kernels run on it, what DJL loaded (or why it did not) and the ways to a GPU,
 * the process's memory allocator, the operations PyTorch runs for a piece of work, and
 * PyTorch's failures told in our words. It uses no other package of the project.
 */
package org.modulardiffusion.device;
