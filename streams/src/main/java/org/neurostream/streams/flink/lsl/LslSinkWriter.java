package org.neurostream.streams.flink.lsl;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.neurostream.streams.lsl.LslOutlet;
import org.neurostream.streams.lsl.LslStreamInfo;
import org.neurostream.streams.record.ChannelInfo;
import org.neurostream.streams.record.Marker;
import org.neurostream.streams.record.SampleChunk;
import org.neurostream.streams.record.StreamData;
import org.neurostream.streams.record.StreamDescription;
import org.neurostream.streams.record.ValueFormat;

/** Writes one subtask's elements to its outlets (see {@link LslSink}). Pushes are sent immediately. */
final class LslSinkWriter implements SinkWriter<StreamData> {
    private final LslOutlet markers;
    private final LslOutlet probabilities;
    private final int classes;
    private final String[] markerSample = new String[1];
    private final double[] markerTimestamp = new double[1];
    private float[] sampleMajor = new float[0];
    private double[] timestamps = new double[0];

    LslSinkWriter(String markerName, String markerSourceId, String probabilityName, String probabilitySourceId,
                  List<String> classLabels, Duration waitForConsumers) {
        this.classes = classLabels.size();
        this.markers = markerName == null ? null : open(new StreamDescription(markerSourceId, markerName,
                "Markers", markerSourceId, 1, StreamDescription.IRREGULAR_RATE, ValueFormat.STRING, List.of()));
        LslOutlet probabilityOutlet = null;
        try {
            probabilityOutlet = probabilityName == null ? null : open(new StreamDescription(probabilitySourceId,
                    probabilityName, LslSink.PROBABILITIES_TYPE, probabilitySourceId, classes,
                    StreamDescription.IRREGULAR_RATE, ValueFormat.FLOAT32,
                    classLabels.stream().map(l -> new ChannelInfo(l, "probability", "Probability")).toList()));
        } catch (RuntimeException e) {
            if (markers != null) {
                markers.close();
            }
            throw e;
        }
        this.probabilities = probabilityOutlet;
        if (!waitForConsumers.isZero()) {
            long deadline = System.nanoTime() + waitForConsumers.toNanos();
            for (LslOutlet outlet : new LslOutlet[] {markers, probabilities}) {
                if (outlet != null) {
                    outlet.waitForConsumers(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                }
            }
        }
    }

    private static LslOutlet open(StreamDescription description) {
        try (LslStreamInfo info = LslStreamInfo.fromDescription(description)) {
            return LslOutlet.create(info);
        }
    }

    @Override
    public void write(StreamData element, Context context) {
        if (element instanceof Marker marker) {
            if (markers == null) {
                throw new IllegalArgumentException("The LSL sink has no marker stream for marker '" + marker.value()
                        + "' of stream '" + marker.streamKey() + "'; configure markerStream(...).");
            }
            markerSample[0] = marker.value();
            markerTimestamp[0] = marker.timestampSeconds();
            markers.pushChunk(markerSample, 1, markerTimestamp);
        } else if (element instanceof SampleChunk chunk) {
            writeProbabilities(chunk);
        }
    }

    private void writeProbabilities(SampleChunk chunk) {
        if (probabilities == null) {
            throw new IllegalArgumentException("The LSL sink has no probability stream for the chunk of stream '"
                    + chunk.streamKey() + "'; configure probabilityStream(...).");
        }
        if (chunk.channelCount() != classes) {
            throw new IllegalArgumentException("Chunk of stream '" + chunk.streamKey() + "' has "
                    + chunk.channelCount() + " channels, but the probability stream has " + classes + " classes.");
        }
        int n = chunk.sampleCount();
        if (sampleMajor.length < n * classes) {
            sampleMajor = new float[n * classes];
            timestamps = new double[n];
        }
        for (int s = 0; s < n; s++) {
            for (int c = 0; c < classes; c++) {
                sampleMajor[s * classes + c] = (float) chunk.value(c, s);
            }
            timestamps[s] = chunk.timestampSeconds(s);
        }
        probabilities.pushChunk(sampleMajor, n, timestamps);
    }

    @Override
    public void flush(boolean endOfInput) {
        // every push is sent at once (push-through)
    }

    @Override
    public void close() {
        if (markers != null) {
            markers.close();
        }
        if (probabilities != null) {
            probabilities.close();
        }
    }
}
