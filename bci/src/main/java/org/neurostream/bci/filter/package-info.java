/**
 * Digital filters for EEG, numerically equal to scipy and MNE: IIR design as second-order sections
 * ({@link org.neurostream.bci.filter.IirDesign}: Butterworth, Chebyshev I, notch), the immutable design
 * ({@link org.neurostream.bci.filter.SosCoefficients}) kept apart from the per-stream state of a causal
 * {@link org.neurostream.bci.filter.StreamingSosFilter}, offline zero-phase filtering
 * ({@link org.neurostream.bci.filter.SosFiltering#sosfiltfilt}), FIR design ({@link org.neurostream.bci.filter.Firwin},
 * {@link org.neurostream.bci.filter.MneFirFilter}) and re-referencing. Data blocks are channel-major double arrays.
 */
package org.neurostream.bci.filter;
