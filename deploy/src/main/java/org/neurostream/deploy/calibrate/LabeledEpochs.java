package org.neurostream.deploy.calibrate;

import java.util.List;
import org.neurostream.bci.pipeline.ChannelPower;

/**
 * Epochs cut from one or more recordings, with their class codes and the run (file) each came from.
 *
 * @param channels channel labels, in data order
 * @param sampleRateHz sampling rate, Hz
 * @param classNames class names; class code k is {@code classNames.get(k)}
 * @param x epochs [nEpochs][nChannels][nTimes], µV as stored in the files
 * @param y class code of each epoch
 * @param runs index of the file each epoch came from
 * @param runNames file names, indexed by run
 * @param channelPower the recordings' band-passed power per channel as the online job measures it (the reference of
 *     its channel gain adaptation), over the whole recordings
 */
public record LabeledEpochs(List<String> channels, double sampleRateHz, List<String> classNames, double[][][] x,
        int[] y, int[] runs, List<String> runNames, ChannelPower channelPower) {}
