/**
 * Progress on a console: the line a progress bar prints on, and what hears of a sampling run's
 * steps with its bar. The training loop's bar, one of the loop's listeners, is {@code
 * train.ProgressBar}. It uses no other package of the project.
 */
package org.modulardiffusion.progress;
