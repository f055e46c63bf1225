package org.neurostream.bci.spectral;

import java.util.Locale;

/**
 * Settings of Welch's method, with the meaning and defaults of {@code scipy.signal.welch}: window {@code 'hann'}
 * (periodic), {@code noverlap = nperseg / 2}, {@code nfft = nperseg}, detrend {@code 'constant'}, scaling
 * {@code 'density'}, average {@code 'mean'}; always one-sided (real input).
 *
 * @param windowName      scipy window name used to build the window (null when an explicit window array was given);
 * @param window          explicit window values of length {@code segmentLength} (null when {@code windowName} is set)
 * @param segmentLength   {@code nperseg}, samples per segment
 * @param overlap         {@code noverlap}, samples shared by consecutive segments, {@code < segmentLength}
 * @param fftLength       {@code nfft}, FFT length {@code >= segmentLength} (zero-padding)
 * @param detrend         per-segment detrending
 * @param scaling         {@code DENSITY} gives V²/Hz, {@code SPECTRUM} gives V²
 * @param average         how segment periodograms are combined
 */
public record WelchParameters(String windowName, double[] window, int segmentLength, int overlap, int fftLength,
                              Detrend detrend, Scaling scaling, Average average) {

    /** Per-segment detrending, as scipy's {@code detrend} argument. */
    public enum Detrend {
        /** No detrending ({@code detrend=False}). */
        NONE,
        /** Subtract the segment mean. */
        CONSTANT,
        /** Subtract the least-squares line. */
        LINEAR
    }

    /** Output scaling, as scipy's {@code scaling}. */
    public enum Scaling {
        /** Power spectral density in units²/Hz. */
        DENSITY,
        /** Power spectrum in units². */
        SPECTRUM
    }

    /** Averaging of segment periodograms, as scipy's {@code average}. */
    public enum Average {
        /** Arithmetic mean. */
        MEAN,
        /** Median divided by the median bias of an exponential distribution. */
        MEDIAN
    }

    public WelchParameters {
        if (segmentLength < 1) {
            throw new IllegalArgumentException("segmentLength (nperseg) must be at least 1, but got "
                    + segmentLength + ".");
        }
        if ((windowName == null) == (window == null)) {
            throw new IllegalArgumentException("Give exactly one of windowName and window.");
        }
        if (window != null) {
            if (window.length != segmentLength) {
                throw new IllegalArgumentException("The window has " + window.length
                        + " values but segmentLength (nperseg) is " + segmentLength + ".");
            }
            window = window.clone();
        } else {
            Windows.get(windowName, 1, true); // validates the name
        }
        if (overlap < 0 || overlap >= segmentLength) {
            throw new IllegalArgumentException("overlap (noverlap) must be in [0, segmentLength) = [0, "
                    + segmentLength + "), but got " + overlap + ".");
        }
        if (fftLength < segmentLength) {
            throw new IllegalArgumentException("fftLength (nfft) " + fftLength
                    + " must be at least segmentLength (nperseg) " + segmentLength + ".");
        }
        java.util.Objects.requireNonNull(detrend, "detrend");
        java.util.Objects.requireNonNull(scaling, "scaling");
        java.util.Objects.requireNonNull(average, "average");
    }

    /** scipy's defaults for a named window and segment length. */
    public static WelchParameters of(String windowName, int segmentLength) {
        return new WelchParameters(windowName.toLowerCase(Locale.ROOT), null, segmentLength, segmentLength / 2,
                segmentLength, Detrend.CONSTANT, Scaling.DENSITY, Average.MEAN);
    }

    /** scipy's defaults with an explicit window ({@code nperseg = window.length}). */
    public static WelchParameters of(double[] window) {
        return new WelchParameters(null, window, window.length, window.length / 2, window.length, Detrend.CONSTANT,
                Scaling.DENSITY, Average.MEAN);
    }

    /** Copy with {@code noverlap}. */
    public WelchParameters withOverlap(int newOverlap) {
        return new WelchParameters(windowName, window, segmentLength, newOverlap, fftLength, detrend, scaling,
                average);
    }

    /** Copy with {@code nfft}. */
    public WelchParameters withFftLength(int newFftLength) {
        return new WelchParameters(windowName, window, segmentLength, overlap, newFftLength, detrend, scaling,
                average);
    }

    /** Copy with another detrending. */
    public WelchParameters withDetrend(Detrend newDetrend) {
        return new WelchParameters(windowName, window, segmentLength, overlap, fftLength, newDetrend, scaling,
                average);
    }

    /** Copy with another scaling. */
    public WelchParameters withScaling(Scaling newScaling) {
        return new WelchParameters(windowName, window, segmentLength, overlap, fftLength, detrend, newScaling,
                average);
    }

    /** Copy with another averaging. */
    public WelchParameters withAverage(Average newAverage) {
        return new WelchParameters(windowName, window, segmentLength, overlap, fftLength, detrend, scaling,
                newAverage);
    }

    /** The window values for segments of this length. */
    public double[] windowValues() {
        return window != null ? window.clone() : Windows.get(windowName, segmentLength, true);
    }
}
