package org.neurostream.streams.format.xdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.neurostream.streams.format.RecordedStream;
import org.neurostream.streams.format.Recording;

/** Decoding details of {@link XdfReader} on hand-built chunks. */
class XdfReaderTest {
    private static final XdfReadOptions RAW =
            XdfReadOptions.defaults().withSynchronizeClocks(false).withDejitterTimestamps(false);

    /** A Samples chunk of int64 samples; a NaN timestamp is written as omitted. */
    private static byte[] int64Samples(double[] timestamps, long[][] values) {
        ByteBuffer b = ByteBuffer.allocate(2 + timestamps.length * (9 + 8 * values[0].length))
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 1).put((byte) timestamps.length);
        for (int s = 0; s < timestamps.length; s++) {
            if (Double.isNaN(timestamps[s])) {
                b.put((byte) 0);
            } else {
                b.put((byte) 8).putDouble(timestamps[s]);
            }
            for (long v : values[s]) {
                b.putLong(v);
            }
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    @Test
    void omittedTimestampsContinueFromThePreviousSampleAcrossChunks() throws Exception {
        XdfBytes b = XdfBytes.withMagic().fileHeader().streamHeader(3, "int64", 2, 4);
        b.chunk(XdfFormat.TAG_SAMPLES, 3, int64Samples(new double[] {Double.NaN, 10.0, Double.NaN},
                new long[][] {{1, -1}, {2, -2}, {3, -3}}));
        b.chunk(XdfFormat.TAG_SAMPLES, 3, int64Samples(new double[] {Double.NaN, Double.NaN},
                new long[][] {{Long.MIN_VALUE, 1L << 53}, {5, -5}}));

        Recording recording = XdfReader.read(b.toByteArray(), Path.of("omitted.xdf"), RAW);

        RecordedStream s = recording.streams().get(0);
        // pyxdf starts the running timestamp at 0: the first omitted one is 0 + 1/4 s.
        assertThat(s.timestampsSeconds()).containsExactly(0.25, 10.0, 10.25, 10.5, 10.75);
        assertThat(s.values()).containsExactly(1, 2, 3, (double) Long.MIN_VALUE, 5, -1, -2, -3, 0x1p53, -5);
        assertThat(s.description().streamKey()).isEqualTo("omitted.xdf#3");
        assertThat(recording.problems()).isEmpty();
    }

    @Test
    void streamsComeInTheOrderOfTheirHeadersWithTheirChannelMetadata() throws Exception {
        XdfBytes b = XdfBytes.withMagic().fileHeader();
        b.xmlChunk(XdfFormat.TAG_STREAM_HEADER, 9, "<info><name>EEG</name><type>EEG</type>"
                + "<source_id>amp-1</source_id><channel_count>2</channel_count><nominal_srate>250</nominal_srate>"
                + "<channel_format>float32</channel_format><desc><channels>"
                + "<channel><label>C3</label><unit>microvolts</unit><type>EEG</type></channel>"
                + "<channel><label>C4</label><unit>microvolts</unit><type>EEG</type></channel>"
                + "</channels></desc></info>");
        b.streamHeader(2, "string", 1, 0);

        Recording recording = XdfReader.read(b.toByteArray(), Path.of("order.xdf"), XdfReadOptions.defaults());

        assertThat(recording.streams()).extracting(st -> st.description().streamKey())
                .containsExactly("order.xdf#9", "order.xdf#2");
        RecordedStream eeg = recording.streams().get(0);
        assertThat(eeg.description().sourceId()).isEqualTo("amp-1");
        assertThat(eeg.description().nominalRateHz()).isEqualTo(250.0);
        assertThat(eeg.description().channelLabel(1)).isEqualTo("C4");
        assertThat(eeg.description().channels().get(0).unit()).isEqualTo("microvolts");
        assertThat(eeg.sampleCount()).isZero();
        assertThat(recording.streams().get(1).isMarkerStream()).isTrue();
    }
}
