package org.neurostream.deploy.dashboard;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.neurostream.streams.lsl.Lsl;
import org.neurostream.streams.lsl.LslInlet;
import org.neurostream.streams.lsl.LslStreamInfo;
import org.neurostream.streams.lsl.LslStreamKey;
import org.neurostream.streams.record.StreamDescription;

/**
 * Finds the description (name, type, channel labels) of a stream the job did not know before it started, by its
 * stream key, for the dashboard's labels and scalp map. Called by {@link DashboardTap} off the job's thread, once per
 * such stream; may block for a while.
 */
@FunctionalInterface
public interface StreamDescriber extends Serializable {

    /** The description of stream {@code streamKey}, or null when it cannot be found. */
    StreamDescription describe(String streamKey);

    /**
     * Describes LSL streams: resolves the streams on the network (waiting {@code resolveTime}), and reads the full
     * description (with channel labels) of the one whose {@link LslStreamKey} is the key, as the LSL source does when
     * it discovers a stream.
     */
    static StreamDescriber lsl(Duration resolveTime) {
        long resolveMillis = resolveTime.toMillis();
        return key -> {
            List<LslStreamInfo> infos = Lsl.resolveAll(Duration.ofMillis(resolveMillis));
            try {
                for (LslStreamInfo info : infos) {
                    if (LslStreamKey.of(info).equals(key)) {
                        try (LslInlet inlet = LslInlet.open(info, 1, 0, false);
                             LslStreamInfo full = inlet.fullInfo(Duration.ofMillis(resolveMillis))) {
                            return full.toDescription(key);
                        }
                    }
                }
                return null;
            } finally {
                infos.forEach(LslStreamInfo::close);
            }
        };
    }
}
