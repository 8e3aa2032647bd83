/**
 * What a training run shows and leaves behind: sample grids and plots as PNG files, samples as
 * NumPy arrays, and one line of metrics per epoch; every file written atomically. It uses no
 * other package of the project.
 */
package org.modulardiffusion.report;
