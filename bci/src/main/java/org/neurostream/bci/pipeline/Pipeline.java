package org.neurostream.bci.pipeline;

import java.util.List;
import org.neurostream.bci.classify.ClassifierModel;

/**
 * A calibrated pipeline: its spec (band, window, feature and classifier parameters), what it learned, and the data it
 * was calibrated on (channel labels in order, sampling rate). Immutable; saved and loaded by {@link PipelineJson}.
 *
 * <p>Input epochs must be band-passed and cut as {@link #spec()} says, on the same channels at the same rate; use
 * {@link #checkCompatible} before applying a loaded pipeline to new data.
 *
 * @param formatVersion version of the saved format this pipeline corresponds to
 * @param spec parameters
 * @param channels channel labels, in data order
 * @param sampleRateHz sampling rate, Hz
 * @param classNames class names indexed by class code
 * @param features fitted feature extractor
 * @param classifier fitted classifier
 * @param channelPower the calibration signal's band-passed power per channel, the reference of the online job's channel
 *     gain adaptation; null when not measured (fitted on epochs alone, or loaded from a format-version-1 file)
 */
public record Pipeline(int formatVersion, PipelineSpec spec, List<String> channels, double sampleRateHz,
        List<String> classNames, FeatureModel features, ClassifierModel classifier, ChannelPower channelPower) {

    /** The current saved-format version (2: version 1 plus the optional {@link ChannelPower}). */
    public static final int FORMAT_VERSION = 2;

    public Pipeline {
        channels = List.copyOf(channels);
        classNames = List.copyOf(classNames);
        if (channelPower != null && channelPower.meanSquare().length != channels.size()) {
            throw new IllegalArgumentException("Channel power of " + channelPower.meanSquare().length
                    + " channels for a pipeline of " + channels.size() + " channels.");
        }
    }

    /** The same pipeline with the calibration signal's channel power (measured on the recordings it was fitted on). */
    public Pipeline withChannelPower(ChannelPower power) {
        return new Pipeline(formatVersion, spec, channels, sampleRateHz, classNames, features, classifier, power);
    }

    /** Fails unless {@code dataChannels} and {@code dataRateHz} equal the calibration's, naming both. */
    public void checkCompatible(List<String> dataChannels, double dataRateHz, String dataName) {
        if (!dataChannels.equals(channels)) {
            throw new IllegalArgumentException("The pipeline was calibrated on " + channels.size() + " channels "
                    + channels + " but " + dataName + " has " + dataChannels.size() + " channels " + dataChannels
                    + "; the channel set and order must be the same.");
        }
        if (dataRateHz != sampleRateHz) {
            throw new IllegalArgumentException("The pipeline was calibrated at " + sampleRateHz + " Hz but " + dataName
                    + " is sampled at " + dataRateHz + " Hz; resample the data or recalibrate.");
        }
    }

    /** Class codes of epochs [nEpochs][nChannels][nTimes]. */
    public int[] predict(double[][][] epochs) {
        return classifier.predict(features.transform(epochs));
    }

    /** Decision scores of epochs (one per epoch for two classes, else one per class). */
    public double[][] decisionFunction(double[][][] epochs) {
        return classifier.decisionFunction(features.transform(epochs));
    }
}
