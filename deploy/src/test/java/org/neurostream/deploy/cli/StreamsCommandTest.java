package org.neurostream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.neurostream.streams.lsl.LslOutlet;
import org.neurostream.streams.lsl.LslStreamInfo;
import org.neurostream.streams.lsl.PylslPeer;
import org.neurostream.streams.record.ValueFormat;

class StreamsCommandTest {

    @Test
    void listsNameTypeChannelsRateFormatSourceIdAndHost() throws Exception {
        String name = PylslPeer.uniqueId("listed");
        try (LslStreamInfo info = LslStreamInfo.create(name, "EEG", 8, 250, ValueFormat.FLOAT32, name + "-src");
             LslOutlet outlet = LslOutlet.create(info);
             PylslPeer markers = PylslPeer.start("outlet", "--name", name + "-markers", "--type", "Markers",
                     "--source-id", "", "--channels", "1", "--rate", "0", "--format", "string", "--samples", "1",
                     "--wait-consumer", "0", "--linger", "20")) {
            markers.awaitLine("OUTLET", java.time.Duration.ofSeconds(20));
            CliRun run = CliRun.of("streams", "--stream", "starts-with(name,'" + name + "')", "--wait", "1.5");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("NAME", "TYPE", "CHANNELS", "RATE_HZ", "FORMAT", "SOURCE_ID", "HOST");
            String eegLine = line(run.out(), name + " ");
            assertThat(eegLine.split("\\s+")).startsWith(name, "EEG", "8", "250.000", "float32", name + "-src");
            String markerLine = line(run.out(), name + "-markers");
            assertThat(markerLine.split("\\s+")).startsWith(name + "-markers", "Markers", "1", "irregular",
                    "string", "-");
        }
    }

    @Test
    void anEmptyResultSaysWhatWasLookedFor() {
        CliRun run = CliRun.of("streams", "--stream", "name=" + PylslPeer.uniqueId("absent"), "--wait", "0.2");
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("No LSL streams found matching name=absent-");
    }

    @Test
    void propertySelectorsBecomeXPathAndPredicatesPassThrough() {
        assertThat(StreamSpecs.toPredicate("type=EEG")).isEqualTo("type='EEG'");
        assertThat(StreamSpecs.toPredicate(" name = Muse S ")).isEqualTo("name='Muse S'");
        assertThat(StreamSpecs.toPredicate("type='EEG' and name='BioSemi'"))
                .isEqualTo("type='EEG' and name='BioSemi'");
        assertThatThrownBy(() -> StreamSpecs.toPredicate(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("type=EEG");
    }

    private static String line(String text, String start) {
        return text.lines().filter(l -> l.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("No line starting with '" + start + "' in:\n" + text));
    }
}
