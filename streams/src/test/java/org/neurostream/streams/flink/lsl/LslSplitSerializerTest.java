package org.neurostream.streams.flink.lsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.neurostream.streams.record.ChannelInfo;
import org.neurostream.streams.record.StreamDescription;
import org.neurostream.streams.record.ValueFormat;

class LslSplitSerializerTest {
    private static final LslSplit EEG = new LslSplit(new StreamDescription("amp-1#BioSemi#EEG", "BioSemi", "EEG",
            "amp-1", 2, 512, ValueFormat.FLOAT32, List.of(new ChannelInfo("C3", "microvolts", "EEG"),
            new ChannelInfo("C4", "microvolts", "EEG"))), "lab-pc");
    private static final LslSplit MARKERS = new LslSplit(new StreamDescription("cues@lab-pc#Markers", "cues",
            "Markers", "", 1, 0, ValueFormat.STRING, List.of()), "lab-pc");

    @Test
    void splitRoundTripsWithItsDescription() throws IOException {
        LslSplitSerializer serializer = new LslSplitSerializer();
        assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(EEG))).isEqualTo(EEG);
        assertThat(EEG.splitId()).isEqualTo("amp-1#BioSemi#EEG");
        assertThat(EEG.predicate()).isEqualTo("source_id='amp-1' and name='BioSemi' and type='EEG'");
        assertThat(MARKERS.predicate()).isEqualTo("name='cues' and type='Markers' and hostname='lab-pc'");
    }

    @Test
    void unknownVersionAndTrailingBytesAreRejected() throws IOException {
        LslSplitSerializer serializer = new LslSplitSerializer();
        byte[] bytes = serializer.serialize(EEG);
        assertThatThrownBy(() -> serializer.deserialize(7, bytes)).isInstanceOf(IOException.class)
                .hasMessageContaining("Unknown LSL split version 7");
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);
        assertThatThrownBy(() -> serializer.deserialize(1, longer)).isInstanceOf(IOException.class)
                .hasMessageContaining("3 trailing bytes");
    }

    @Test
    void enumeratorStateRoundTrips() throws IOException {
        LslEnumeratorStateSerializer serializer = new LslEnumeratorStateSerializer();
        LslEnumeratorState state = new LslEnumeratorState(Set.of("a#b", "c#d"), List.of(EEG, MARKERS));
        LslEnumeratorState back = serializer.deserialize(serializer.getVersion(), serializer.serialize(state));
        assertThat(back.assignedSplitIds()).isEqualTo(state.assignedSplitIds());
        assertThat(back.pendingSplits()).containsExactly(EEG, MARKERS);
        assertThatThrownBy(() -> serializer.deserialize(2, serializer.serialize(state)))
                .hasMessageContaining("Unknown LSL enumerator state version 2");
    }
}
