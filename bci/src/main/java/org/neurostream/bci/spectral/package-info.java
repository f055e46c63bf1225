/**
 * Spectral features: FFT plans, scipy windows, Welch power and cross spectra
 * ({@link org.neurostream.bci.spectral.Welch}, as scipy.signal.welch/csd), band power, log-variance, magnitude-squared
 * and imaginary coherence, and HappyFeat's node strength. Inputs are channel-major double arrays.
 */
package org.neurostream.bci.spectral;
