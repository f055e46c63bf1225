/**
 * Epochs around markers with MNE's sample alignment, baseline correction and peak-to-peak rejection
 * ({@link org.neurostream.bci.epoch.Epocher}); every rejected epoch is reported with its reason.
 */
package org.neurostream.bci.epoch;
