package org.neurostream.bci.epoch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.neurostream.bci.BciDspGolden.array;
import static org.neurostream.bci.BciDspGolden.assertClose;
import static org.neurostream.bci.BciDspGolden.doubles;
import static org.neurostream.bci.BciDspGolden.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EpocherGoldenTest {

    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static EpochSet cut(JsonNode c) {
        List<String> names = texts(manifest().get("inputs").get("eeg_slice").get("channels"));
        EpochParameters p = EpochParameters.of(c.get("tminSeconds").asDouble(), c.get("tmaxSeconds").asDouble());
        JsonNode baseline = c.get("baselineSeconds");
        if (!baseline.isNull()) {
            p = p.withBaseline(new Baseline(baseline.get(0).isNull() ? null : baseline.get(0).asDouble(),
                    baseline.get(1).isNull() ? null : baseline.get(1).asDouble()));
        }
        if (!c.get("rejectPeakToPeakUv").isNull()) {
            p = p.withReject(Map.of("eeg", c.get("rejectPeakToPeakUv").asDouble()));
        }
        Epocher epocher = new Epocher(names, Collections.nCopies(names.size(), "eeg"),
                manifest().get("inputs").get("eeg_slice").get("sampleRateHz").asDouble(), p);
        return epocher.cut(array("eeg_slice"), 0.0, doubles(c.get("markerTimesSeconds")),
                texts(c.get("markerLabels")));
    }

    @Test
    void keptEpochsAndTheirBaselineCorrectedDataEqualMneEpochs() {
        for (JsonNode c : manifest().get("epochs")) {
            EpochSet set = cut(c);
            List<Integer> keptIndices = set.kept().stream().map(Epoch::markerIndex).toList();
            List<Integer> expected = new ArrayList<>();
            c.get("keptIndices").forEach(n -> expected.add(n.asInt()));
            assertThat(keptIndices).as("kept epochs " + c.get("tminSeconds")).isEqualTo(expected);
            double[] data = array(c.get("data").asText());
            int per = set.channelCount() * set.samplesPerEpoch();
            for (int e = 0; e < set.kept().size(); e++) {
                assertClose("epoch " + e, set.kept().get(e).data(),
                        java.util.Arrays.copyOfRange(data, e * per, (e + 1) * per), 1e-12);
            }
        }
    }

    @Test
    void everyDroppedEpochIsListedWithMneReasonAndChannels() {
        for (JsonNode c : manifest().get("epochs")) {
            EpochSet set = cut(c);
            JsonNode dropLog = c.get("dropLog");
            assertThat(set.kept().size() + set.rejected().size()).isEqualTo(dropLog.size());
            for (RejectedEpoch r : set.rejected()) {
                List<String> mneReason = texts(dropLog.get(r.markerIndex()));
                if (r.reason() == RejectedEpoch.Reason.NO_DATA) {
                    assertThat(mneReason).containsExactly("NO_DATA");
                    assertThat(r.detail()).contains("outside the data");
                } else {
                    assertThat(r.reason()).isEqualTo(RejectedEpoch.Reason.PEAK_TO_PEAK);
                    assertThat(r.channels()).isEqualTo(mneReason);
                    assertThat(r.detail()).contains("peak-to-peak").contains(r.channels().get(0));
                }
            }
        }
    }

    @Test
    void thresholdForUnknownChannelTypeIsAnError() {
        assertThatThrownBy(() -> new Epocher(List.of("C3"), List.of("eeg"), 160,
                EpochParameters.of(0, 1).withReject(Map.of("eog", 100.0))))
                .hasMessageContaining("channel type 'eog'").hasMessageContaining("[eeg]");
    }

    @Test
    void baselineOutsideTheEpochIsRejected() {
        assertThatThrownBy(() -> EpochParameters.of(0, 1).withBaseline(new Baseline(-0.5, 0.0)))
                .hasMessageContaining("Baseline start -0.5 s lies before the epoch start tmin = 0.0 s");
    }

    @Test
    void flatChannelRejectsTheEpochAndNamesTheChannel() {
        double[] data = new double[2 * 400];
        for (int s = 0; s < 400; s++) {
            data[s] = Math.sin(s * 0.3) * 20;
            data[400 + s] = 1e-3;
        }
        Epocher epocher = new Epocher(List.of("C3", "C4"), List.of("eeg", "eeg"), 100,
                EpochParameters.of(0, 1).withFlat(Map.of("eeg", 0.5)));
        EpochSet set = epocher.cut(data, 0, new double[] {1.0}, List.of("T1"));
        assertThat(set.kept()).isEmpty();
        assertThat(set.rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectedEpoch.Reason.FLAT);
            assertThat(r.channels()).containsExactly("C4");
        });
    }
}
