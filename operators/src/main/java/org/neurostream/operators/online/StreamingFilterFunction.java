package org.neurostream.operators.online;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.neurostream.bci.filter.SosCoefficients;
import org.neurostream.bci.filter.StreamingSosFilter;
import org.neurostream.bci.online.ChannelGainTracker;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Causal band-pass of the signal chunks of each key with {@link StreamingSosFilter}, whose IIR state lives in keyed
 * state ({@link FilterState}), so a restore from a checkpoint continues the filter exactly where it stopped. Markers
 * pass through unchanged.
 *
 * <p>The first chunk of a key, and the first chunk after a gap or a backwards jump in time (more than
 * {@code maxGapSeconds} between consecutive samples, for example the next recording of the subject), start from the
 * steady state of their first sample, so a DC offset does not ring through the band-pass.
 *
 * <p>With a channel gain reference (the calibration's band-passed power per channel) the band-passed signal is also
 * rescaled per channel by a {@link ChannelGainTracker} (unsupervised gain adaptation before the spatial filter), whose
 * running mean square is keyed state too ({@link FilterState#gainMeanSquare()}, filter state version 3). It carries
 * on across a restart of the filter (the next recording of the subject is measured against the same reference), and
 * starts from the reference for a new key or for state of versions 1 and 2. The output chunk then holds both signals,
 * 2 × channelCount channels: the band-passed signal as it is (channels 0..C−1, what the static pipeline sees) followed
 * by its gain-adapted copy (channels C..2C−1, what the adaptive learner sees), so that the guard's calibrated expert
 * can be given exactly the static pipeline's features ({@link FeatureFunction}). Without a reference the output is the
 * band-passed signal alone, C channels: the static pipeline.
 */
public final class StreamingFilterFunction extends KeyedProcessFunction<String, StreamData, StreamData> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(StreamingFilterFunction.class);

    private final double[][] sections;
    private final double sampleRateHz;
    private final int channelCount;
    private final double maxGapSeconds;
    private final double[] gainReference;
    private final double gainTimeConstantSeconds;
    private transient SosCoefficients design;
    private transient ValueState<FilterState> state;

    /**
     * @param design the filter, designed for the stream's rate
     * @param channelCount channels of the signal stream
     * @param maxGapSeconds largest time between consecutive samples that still counts as one continuous signal
     */
    public StreamingFilterFunction(SosCoefficients design, int channelCount, double maxGapSeconds) {
        this(design, channelCount, maxGapSeconds, null, 0);
    }

    /**
     * A filter that also adapts the channel gains.
     *
     * @param gainReference the calibration's mean square per channel after this band-pass, µV²; null = no gain
     *     adaptation
     * @param gainTimeConstantSeconds τ of the running mean square, s of signal (used with a reference)
     */
    public StreamingFilterFunction(SosCoefficients design, int channelCount, double maxGapSeconds,
            double[] gainReference, double gainTimeConstantSeconds) {
        this.sections = design.toSections();
        this.sampleRateHz = design.sampleRateHz();
        this.channelCount = channelCount;
        this.maxGapSeconds = maxGapSeconds;
        if (gainReference != null) {
            new ChannelGainTracker(gainReference, gainTimeConstantSeconds, sampleRateHz); // checks the arguments
            if (gainReference.length != channelCount) {
                throw new IllegalArgumentException("Channel gain reference of " + gainReference.length
                        + " channels for a signal of " + channelCount + " channels.");
            }
        }
        this.gainReference = gainReference == null ? null : gainReference.clone();
        this.gainTimeConstantSeconds = gainTimeConstantSeconds;
    }

    @Override
    public void open(OpenContext openContext) {
        design = SosCoefficients.of(sections, sampleRateHz);
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("filter", OnlineTypes.FILTER_STATE));
    }

    @Override
    public void processElement(StreamData element, Context ctx, Collector<StreamData> collector) throws Exception {
        if (!(element instanceof SampleChunk chunk)) {
            collector.collect(element);
            return;
        }
        if (chunk.channelCount() != channelCount) {
            throw new IllegalArgumentException("Stream '" + chunk.streamKey() + "' sent a chunk of "
                    + chunk.channelCount() + " channels at " + chunk.firstTimestampSeconds() + " s, but the model "
                    + "was calibrated on " + channelCount + " channels.");
        }
        if (chunk.sampleCount() == 0) {
            return;
        }
        StreamingSosFilter filter = new StreamingSosFilter(design, channelCount);
        FilterState previous = state.value();
        double gap = previous == null ? Double.NaN : chunk.firstTimestampSeconds() - previous.lastTimestampSeconds();
        if (previous != null && (Double.isNaN(previous.lastTimestampSeconds()) || (gap > 0 && gap <= maxGapSeconds))) {
            filter.restoreState(previous.filterState());
        } else {
            if (previous != null) {
                LOG.info("Key {}: {} s between samples at {} s of '{}'; the filter restarts.", ctx.getCurrentKey(),
                        gap, chunk.firstTimestampSeconds(), chunk.streamKey());
            }
            double[] first = new double[channelCount];
            for (int c = 0; c < channelCount; c++) {
                first[c] = chunk.value(c, 0);
            }
            filter.initializeSteadyState(first);
        }
        double[] filtered = new double[chunk.values().length];
        filter.process(chunk.values(), filtered);
        double[] gainState = new double[0];
        double[] out = filtered;
        if (gainReference != null) {
            out = java.util.Arrays.copyOf(filtered, 2 * filtered.length);
            ChannelGainTracker gains = new ChannelGainTracker(gainReference, gainTimeConstantSeconds, sampleRateHz);
            if (previous != null && previous.gainMeanSquare().length > 0) {
                gains.restoreState(previous.gainMeanSquare());
            } else if (previous != null) {
                LOG.info("Key {}: no channel gain state in the restored filter state (written before gain "
                        + "adaptation, or by a run without it); the gains start from the calibration's at {} s of "
                        + "'{}'.", ctx.getCurrentKey(), chunk.firstTimestampSeconds(), chunk.streamKey());
            }
            gains.process(filtered, out, filtered.length, "Band-passed chunk of '" + chunk.streamKey() + "' at "
                    + chunk.firstTimestampSeconds() + " s");
            gainState = gains.state();
        } else if (previous != null && previous.gainMeanSquare().length > 0) {
            LOG.info("Key {}: this run does not adapt the channel gains; the restored gain state is not used and not "
                    + "kept (from {} s of '{}').", ctx.getCurrentKey(), chunk.firstTimestampSeconds(),
                    chunk.streamKey());
        }
        state.update(new FilterState(filter.state(), chunk.lastTimestampSeconds(), gainState));
        int outChannels = out.length / chunk.sampleCount();
        collector.collect(chunk.hasExplicitTimestamps()
                ? SampleChunk.withTimestamps(chunk.streamKey(), outChannels, out,
                        chunk.explicitTimestampsSeconds(), chunk.nominalRateHz())
                : SampleChunk.regular(chunk.streamKey(), outChannels, out, chunk.firstTimestampSeconds(),
                        chunk.nominalRateHz()));
    }
}
