/**
 * What a training run shows and leaves behind: a progress bar, sample grids and plots as PNG
 * files, and one line of metrics per epoch.
 */
package org.modulardiffusion.report;
