package org.neurostream.streams.flink.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class ReplaySplitSerializerTest {
    private final ReplaySplitSerializer serializer = new ReplaySplitSerializer();

    @Property(tries = 200)
    void splitsRoundTrip(@ForAll @StringLength(max = 300) String file, @ForAll @IntRange(max = 10_000) int fileIndex,
                         @ForAll @IntRange(max = 1000) int streamIndex,
                         @ForAll @LongRange(max = Long.MAX_VALUE) long position) throws IOException {
        ReplaySplit split = new ReplaySplit(file, fileIndex, streamIndex, position);
        assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(split))).isEqualTo(split);
    }

    @Test
    void unknownVersionIsRejectedNamingTheSupportedOne() throws IOException {
        byte[] bytes = serializer.serialize(ReplaySplit.start("a.xdf", 0, 1));
        assertThatThrownBy(() -> serializer.deserialize(2, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Unknown replay split version 2")
                .hasMessageContaining("version 1 only");
    }

    @Test
    void trailingBytesAreRejected() throws IOException {
        byte[] bytes = serializer.serialize(ReplaySplit.start("a.xdf", 0, 1));
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);
        assertThatThrownBy(() -> serializer.deserialize(1, longer))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("3 trailing bytes");
    }

    @Test
    void negativePositionInTheBytesIsACorruptSplit() throws IOException {
        byte[] bytes = serializer.serialize(new ReplaySplit("a.xdf", 0, 1, 5));
        Arrays.fill(bytes, bytes.length - 8, bytes.length, (byte) 0xFF);
        assertThatThrownBy(() -> serializer.deserialize(1, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Corrupt replay split")
                .hasMessageContaining("position -1");
    }

    @Test
    void enumeratorStateRoundTripsWithEmbeddedSplitVersions() throws IOException {
        ReplayEnumeratorStateSerializer states = new ReplayEnumeratorStateSerializer();
        ReplayEnumeratorState state = new ReplayEnumeratorState(true, List.of(ReplaySplit.start("a.xdf", 0, 0),
                new ReplaySplit("dir/b.edf", 1, 1, 640)));
        assertThat(states.deserialize(1, states.serialize(state))).isEqualTo(state);
        ReplayEnumeratorState empty = new ReplayEnumeratorState(false, List.of());
        assertThat(states.deserialize(1, states.serialize(empty))).isEqualTo(empty);
    }

    @Test
    void enumeratorStateRejectsUnknownVersionsImpossibleCountsAndTrailingBytes() throws IOException {
        ReplayEnumeratorStateSerializer states = new ReplayEnumeratorStateSerializer();
        byte[] bytes = states.serialize(new ReplayEnumeratorState(true, List.of(ReplaySplit.start("a.xdf", 0, 0))));
        assertThatThrownBy(() -> states.deserialize(7, bytes)).hasMessageContaining("version 7");
        byte[] trailing = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> states.deserialize(1, trailing)).hasMessageContaining("1 trailing bytes");
        byte[] hugeCount = bytes.clone();
        hugeCount[1] = 0x7F;
        assertThatThrownBy(() -> states.deserialize(1, hugeCount)).hasMessageContaining("splits in");
    }
}
