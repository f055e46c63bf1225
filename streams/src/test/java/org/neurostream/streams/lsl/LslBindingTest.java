package org.neurostream.streams.lsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurostream.streams.record.ChannelInfo;
import org.neurostream.streams.record.StreamDescription;
import org.neurostream.streams.record.ValueFormat;

/** The binding's own behaviour against the real liblsl, Java on both ends. */
class LslBindingTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void reportsLibraryAndProtocolVersionAndAMonotonicClock() {
        assertThat(Lsl.libraryVersion()).isGreaterThanOrEqualTo(114);
        assertThat(Lsl.protocolVersion()).isGreaterThanOrEqualTo(110);
        assertThat(Lsl.libraryInfo()).isNotEmpty();
        assertThat(Lsl.libraryLocation()).contains("liblsl");
        double a = Lsl.localClock();
        double b = Lsl.localClock();
        assertThat(b).isGreaterThanOrEqualTo(a).isPositive();
    }

    @Test
    void streamInfoCarriesChannelMetadataThroughItsXml() {
        StreamDescription description = new StreamDescription("k", "amp", "EEG", "amp-7", 2, 512.0,
                ValueFormat.FLOAT32, List.of(new ChannelInfo("C3", "microvolts", "EEG"),
                new ChannelInfo("STI", "", "Stim")));
        try (LslStreamInfo info = LslStreamInfo.fromDescription(description);
             LslOutlet outlet = LslOutlet.create(info);
             LslStreamInfo published = outlet.info();
             LslStreamInfo parsed = LslStreamInfo.fromXml(published.xml())) {
            assertThat(published.uid()).isNotEmpty();
            assertThat(published.hostname()).isNotEmpty();
            assertThat(parsed.toDescription("k")).isEqualTo(description);
            assertThat(parsed.matches("type='EEG' and name='amp'")).isTrue();
            assertThat(parsed.matches("type='Markers'")).isFalse();
            assertThat(info.xml()).contains("<label>C3</label>", "<unit>microvolts</unit>");
        }
    }

    @Test
    void missingXmlElementsAreEmptyNotErrors() {
        try (LslStreamInfo info = LslStreamInfo.create("x", "EEG", 1, 100, ValueFormat.DOUBLE64, "")) {
            assertThat(info.desc().child("acquisition").isEmpty()).isTrue();
            assertThat(info.desc().child("acquisition").childValue("manufacturer")).isEmpty();
            assertThat(info.channels()).isEmpty();
            assertThat(info.toDescription("x").channelLabel(0)).isEqualTo("ch1");
        }
    }

    @Test
    void closedObjectsFailClearlyAndCloseTwiceIsHarmless() {
        LslStreamInfo info = LslStreamInfo.create("x", "EEG", 1, 100, ValueFormat.FLOAT32, "");
        info.close();
        info.close();
        assertThatThrownBy(info::name).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThat(info).hasToString("LslStreamInfo{closed}");
    }

    @Test
    void invalidArgumentsAreRejectedWithTheirValues() {
        assertThatThrownBy(() -> LslStreamInfo.create("x", "EEG", 0, 100, ValueFormat.FLOAT32, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channelCount 0");
        assertThatThrownBy(() -> LslStreamInfo.create("x", "EEG", 1, -5, ValueFormat.FLOAT32, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-5.0");
        assertThatThrownBy(() -> Lsl.resolveAll(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> LslStreamInfo.fromXml("not xml")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not xml");
    }

    @Test
    void openingAStreamNobodyPublishesTimesOut() {
        try (LslStreamInfo info = LslStreamInfo.create(PylslPeer.uniqueId("ghost"), "EEG", 1, 100,
                ValueFormat.FLOAT32, "no-such-source");
             LslInlet inlet = LslInlet.open(info, 10, 0, false)) {
            assertThatThrownBy(() -> inlet.openStream(Duration.ofMillis(300)))
                    .isInstanceOf(LslTimeoutException.class).hasMessageContaining("opening the stream");
            assertThatThrownBy(() -> inlet.timeCorrection(Duration.ofMillis(300)))
                    .isInstanceOf(LslTimeoutException.class);
        }
    }

    @Test
    void aTimedOutPullReturnsNoSamplesAndALostStreamWithoutRecoveryThrows() {
        String id = PylslPeer.uniqueId("java-lost");
        try (LslStreamInfo info = LslStreamInfo.create(id, "EEG", 2, 100, ValueFormat.FLOAT32, id)) {
            LslOutlet outlet = LslOutlet.create(info);
            try (LslStreamInfo resolved = Lsl.resolveByProperty("source_id", id, 1, WAIT).get(0);
                 LslInlet inlet = LslInlet.open(resolved, 10, 0, false)) {
                inlet.openStream(WAIT);
                float[] data = new float[20];
                double[] ts = new double[10];
                assertThat(inlet.pullChunk(data, ts, Duration.ofMillis(50))).isZero();
                assertThat(inlet.pullSample(data, Duration.ZERO)).isNaN();
                outlet.pushChunk(new float[] {1, 2, 3, 4}, 2, new double[] {10.0, 10.01});
                assertThat(inlet.pullChunk(data, ts, Duration.ofSeconds(2))).isEqualTo(2);
                assertThat(ts).startsWith(10.0, 10.01);
                assertThat(data).startsWith(1, 2, 3, 4);
                outlet.close();
                assertThatThrownBy(() -> {
                    long deadline = System.nanoTime() + WAIT.toNanos();
                    while (System.nanoTime() < deadline) {
                        inlet.pullAvailable(data, ts, Duration.ofMillis(100));
                    }
                }).isInstanceOf(LslLostException.class).hasMessageContaining(id);
            } finally {
                outlet.close();
            }
        }
    }

    @Test
    void continuousResolverSeesAnOutletAppear() throws InterruptedException {
        String id = PylslPeer.uniqueId("java-cont");
        try (LslContinuousResolver resolver = LslContinuousResolver.byProperty("source_id", id,
                Duration.ofSeconds(5));
             LslStreamInfo info = LslStreamInfo.create(id, "EEG", 1, 10, ValueFormat.FLOAT32, id);
             LslOutlet outlet = LslOutlet.create(info)) {
            List<LslStreamInfo> seen = List.of();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (seen.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
                seen = resolver.results();
            }
            assertThat(seen).hasSize(1);
            assertThat(seen.get(0).sourceId()).isEqualTo(id);
            assertThat(outlet.haveConsumers()).isFalse();
            seen.forEach(LslStreamInfo::close);
        }
    }

    @Test
    void bufferTooSmallForOneSampleIsAnArgumentError() {
        String id = PylslPeer.uniqueId("java-buf");
        try (LslStreamInfo info = LslStreamInfo.create(id, "EEG", 4, 10, ValueFormat.FLOAT32, id);
             LslInlet inlet = LslInlet.open(info)) {
            assertThatThrownBy(() -> inlet.pullChunk(new float[3], new double[1], Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one sample of 4 channels");
        }
    }
}
