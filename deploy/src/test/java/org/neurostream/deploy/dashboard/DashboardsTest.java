package org.neurostream.deploy.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurostream.streams.format.RecordedStream;
import org.neurostream.streams.format.Recordings;
import org.neurostream.streams.record.StreamDescription;

/** {@link Dashboards#recorded} from the recordings' outlines. */
class DashboardsTest {
    private static final Path DATA = Path.of(System.getProperty("neurostream.test.data"));
    private static final List<Path> FILES = List.of(DATA.resolve("eeg/S001R04.edf"),
            DATA.resolve("xdf/clock_resets.xdf"), DATA.resolve("xdf/sub-P002_ses-S001_task-Default_run-001_eeg.xdf"),
            DATA.resolve("xdf/empty_streams.xdf"), DATA.resolve("edf-generated/edf_plus_d.edf"));

    @Test
    void eachStreamHasTheDescriptionAndLastTimestampThatDecodingTheWholeFilesGives() throws IOException {
        Dashboards.Recorded recorded = Dashboards.recorded(FILES);

        Map<String, StreamDescription> streams = new LinkedHashMap<>();
        Map<String, Double> ends = new LinkedHashMap<>();
        for (Path f : FILES) {
            for (RecordedStream s : Recordings.read(f).streams()) {
                streams.putIfAbsent(s.description().streamKey(), s.description());
                double[] t = s.timestampsSeconds();
                if (t.length > 0) {
                    ends.merge(s.description().streamKey(), t[t.length - 1], Math::max);
                }
            }
        }
        assertThat(recorded.streams()).isEqualTo(new ArrayList<>(streams.values()));
        assertThat(recorded.endSeconds()).isEqualTo(ends);
        assertThat(recorded.streams()).extracting(StreamDescription::streamKey).contains("S001R04.edf#eeg",
                "S001R04.edf#annotations");
    }

    @Test
    void aFileThatCannotBeReadIsLeftOutForTheReplayToReportAndTheOthersAreKept(@TempDir Path dir)
            throws IOException {
        Path xdf = DATA.resolve("xdf/clock_resets.xdf");
        byte[] whole = Files.readAllBytes(xdf);
        Path truncated = Files.write(dir.resolve("truncated.xdf"), Arrays.copyOf(whole, whole.length / 2));
        Path missing = dir.resolve("missing.edf");
        Path edf = DATA.resolve("eeg/S001R04.edf");

        Dashboards.Recorded recorded = Dashboards.recorded(List.of(truncated, missing, edf));

        assertThat(recorded).isEqualTo(Dashboards.recorded(List.of(edf)));
        assertThat(recorded.streams()).isNotEmpty();
    }
}
