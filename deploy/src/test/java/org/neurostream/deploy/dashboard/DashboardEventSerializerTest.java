package org.neurostream.deploy.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class DashboardEventSerializerTest {
    private final DashboardEventSerializer serializer = new DashboardEventSerializer();

    private DashboardEvent roundTrip(DashboardEvent e) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(e, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        DashboardEvent back = serializer.deserialize(in);
        assertThat(in.available()).isZero();
        return back;
    }

    @Test
    void everyVariantSurvivesARoundTrip() throws IOException {
        List<DashboardEvent> events = List.of(
                new DashboardEvent.Signal("a.xdf#1", 1.5, 250, 2, new double[] {1, 2, Double.NaN, 4}, true,
                        new int[] {1}),
                new DashboardEvent.Cue("a.xdf#2", 3.25, "left"),
                new DashboardEvent.BandPowerDb("a.xdf#1", 8, 13, new double[] {-3.5, Double.NaN}),
                new DashboardEvent.Decision("S001", 7, 12.5, List.of("T1", "T2"), new double[] {0.3, 0.7}, "T2",
                        null, 0.75, 0.5, 1.25),
                new DashboardEvent.FrameImage("v.mp4", 3, 0.12, 2, 1, 3, new byte[] {1, 2, 3, 4, 5, 6}),
                new DashboardEvent.Sparsity("v.mp4", 3, List.of("conv2d", "dense"), new double[] {0.9, 0.5},
                        new long[] {10, 20}, new long[] {100, 40}),
                new DashboardEvent.Health("a.xdf#1", 999.5, 1000, 64, 2, Double.NaN, true),
                new DashboardEvent.Described("src#amp#EEG", "amp", "EEG", 250, List.of("Fp1", "Cz", "EOG")));
        for (DashboardEvent e : events) {
            assertThat(roundTrip(e)).usingRecursiveComparison()
                    .withEqualsForType((a, b) -> Double.compare(a, b) == 0, Double.class).isEqualTo(e);
        }
    }

    @Test
    void unknownTagIsACorruptRecordError() {
        DataInputDeserializer in = new DataInputDeserializer(new byte[] {42});
        assertThatThrownBy(() -> serializer.deserialize(in)).isInstanceOf(IOException.class)
                .hasMessageContaining("unknown tag 42");
    }
}
