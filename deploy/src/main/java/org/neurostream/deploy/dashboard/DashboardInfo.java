package org.neurostream.deploy.dashboard;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.neurostream.streams.record.StreamDescription;

/**
 * What {@code GET /api/info} describes: the job, its streams (with scalp positions of known electrode labels) and the
 * classifier's classes. Built where the job is built and shipped to the dashboard operator with the job.
 *
 * @param job     the job's name
 * @param streams the streams known before the job starts (streams that appear later are added as they arrive)
 * @param classes class names of the job's classifier; empty when it has none
 */
public record DashboardInfo(String job, List<Stream> streams, List<String> classes) implements Serializable {
    private static final long serialVersionUID = 1L;

    public DashboardInfo {
        Objects.requireNonNull(job, "job");
        streams = List.copyOf(streams);
        classes = List.copyOf(classes);
    }

    /**
     * One stream.
     *
     * @param key           stream key
     * @param name          stream name
     * @param type          content type (EEG, Markers, Video, …)
     * @param kind          {@code eeg} (any continuous signal), {@code markers} or {@code video}
     * @param channelCount  channels (0 for video)
     * @param nominalRateHz declared rate, 0 when irregular
     * @param channels      per channel its label and 2-D scalp position (null coordinates when unknown)
     * @param frameWidth    video frame width in pixels, 0 for other kinds
     * @param frameHeight   video frame height in pixels, 0 for other kinds
     */
    public record Stream(String key, String name, String type, String kind, int channelCount, double nominalRateHz,
            List<Channel> channels, int frameWidth, int frameHeight) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Stream {
            Objects.requireNonNull(key, "key");
            channels = List.copyOf(channels);
            if (!List.of("eeg", "markers", "video").contains(kind)) {
                throw new IllegalArgumentException("Invalid stream kind '" + kind + "' of stream '" + key
                        + "'. Allowed kinds are 'eeg', 'markers' and 'video'.");
            }
        }

        /** A signal or marker stream, with positions from {@code montage}. */
        public static Stream of(StreamDescription d, Montage montage) {
            boolean markers = d.isIrregular() && (d.valueFormat().name().toLowerCase(Locale.ROOT).contains("string")
                    || d.type().toLowerCase(Locale.ROOT).contains("marker"));
            if (markers) {
                return new Stream(d.streamKey(), d.name(), d.type(), "markers", 0, d.nominalRateHz(), List.of(), 0,
                        0);
            }
            List<String> labels = new ArrayList<>();
            for (int c = 0; c < d.channelCount(); c++) {
                labels.add(d.channelLabel(c));
            }
            return signal(d.streamKey(), d.name(), d.type(), d.nominalRateHz(), labels, montage);
        }

        /** A continuous signal stream with channels {@code labels}, positioned by {@code montage}. */
        public static Stream signal(String key, String name, String type, double nominalRateHz, List<String> labels,
                Montage montage) {
            List<Channel> channels = new ArrayList<>();
            for (String label : labels) {
                double[] p = montage.position(label);
                channels.add(new Channel(label, p == null ? null : p[0], p == null ? null : p[1]));
            }
            return new Stream(key, name, type, "eeg", labels.size(), nominalRateHz, channels, 0, 0);
        }

        /** A video stream of frames {@code width × height}. */
        public static Stream video(String key, String name, int width, int height, double framesPerSecond) {
            return new Stream(key, name, "Video", "video", 0, framesPerSecond, List.of(), width, height);
        }
    }

    /** A channel's label and scalp position in [-1, 1] (x towards the right ear, y towards the nose), or nulls. */
    public record Channel(String label, Double x, Double y) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** The info of a job over {@code descriptions}, with positions from the bundled montage. */
    public static DashboardInfo of(String job, List<StreamDescription> descriptions, List<String> classes) {
        Montage montage = Montage.standard1005();
        return new DashboardInfo(job, descriptions.stream().map(d -> Stream.of(d, montage)).toList(), classes);
    }
}
