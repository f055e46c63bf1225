package org.neurostream.streams.format.edf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.neurostream.streams.format.FileBytes;
import org.neurostream.streams.format.RecordedStream;
import org.neurostream.streams.format.Recording;
import org.neurostream.streams.format.RecordingFormatException;
import org.neurostream.streams.format.RecordingHandle;
import org.neurostream.streams.format.StreamHandle;
import org.neurostream.streams.format.StreamOutline;
import org.neurostream.streams.record.ValueFormat;

/**
 * Reads EDF, EDF+ (continuous EDF+C and discontinuous EDF+D), BDF and BDF+ files whole.
 *
 * <p>What a file becomes:
 * <ul>
 *   <li>Ordinary signals are grouped by sampling rate (samples per data record); each group is one numeric stream
 *       keyed {@code <file name>#<group>}, where the group is the lower-case channel type shared by its channels
 *       ({@code eeg}) or {@code signals} for mixed types, suffixed with the rate ({@code eeg-160Hz}) when two groups
 *       would otherwise share a name. Values are physical, in the signal's physical dimension (µV for
 *       PhysioNet's EEG): {@code digital * scale + offset} with {@code scale = (physMax - physMin) / (digMax -
 *       digMin)} and {@code offset = physMin - digMin * scale}, evaluated in double precision in the same order as
 *       MNE-Python's {@code read_raw_edf}.</li>
 *   <li>All EDF+/BDF+ annotation signals together become one marker stream {@code <file name>#annotations}, each
 *       annotation text one marker with its duration ({@link RecordedStream#durationsSeconds()}), sorted by onset
 *       then duration as MNE sorts them. Time-keeping annotations are not markers.</li>
 * </ul>
 *
 * <p>Timestamps are seconds from the start of the first data record (the first sample is at 0.0 s). In EDF+D/BDF+D
 * files each record's samples start at its time-keeping annotation's onset (minus the first record's), so gaps
 * between records show in the timestamps; in all other files sample {@code i} is at {@code i / rateHz}. Annotation
 * onsets are shifted by the first record's time-keeping onset, as MNE does. The header's start date and time,
 * patient and recording identification and per-channel details are in each stream's
 * {@link RecordedStream#headerXml()} as a small {@code <edf>} document.
 *
 * <p>A header record count of -1 ("unknown", as written by some recorders while recording) is resolved from the
 * file size and reported in {@link Recording#problems()}; any other disagreement between the header and the file
 * size is a {@link RecordingFormatException}. Allocation is bounded by the file size: nothing is allocated before the
 * header's sizes have been checked against it.
 *
 * <p>{@link #open} opens a file for replay instead: its streams decode the data records of a slice when it is
 * sliced, so memory follows the slice, not the file.
 *
 * <p>Stateless; safe to use from several threads.
 */
public final class EdfReader {
    private static final double RECORD_START_TOLERANCE_SECONDS = 1e-6;

    private EdfReader() {
    }

    /**
     * Reads an EDF/EDF+/BDF/BDF+ file.
     *
     * @throws RecordingFormatException when the file is not a readable EDF/BDF file (naming file, byte, problem)
     * @throws IOException              when the file cannot be read at all
     */
    public static Recording read(Path file) throws IOException {
        return read(FileBytes.map(file, "EDF/BDF"), file);
    }

    /**
     * Reads EDF/BDF content held in memory; {@code nameForErrors} names it in errors and becomes the recording's
     * file (its file name prefixes the stream keys).
     */
    public static Recording read(byte[] content, Path nameForErrors) throws RecordingFormatException {
        return read(ByteBuffer.wrap(content), nameForErrors);
    }

    /**
     * What an EDF/EDF+/BDF/BDF+ file holds without decoding its samples: each stream's description, sample count and
     * last timestamp, exactly as {@link #read(Path)} gives them. From the header (records × samples per record) and,
     * for EDF+/BDF+, the annotation signals (markers and, in discontinuous files, each record's start); the file is
     * checked as by {@code read} up to the signal values.
     *
     * @throws RecordingFormatException as {@link #read(Path)}
     */
    public static List<StreamOutline> outline(Path file) throws IOException {
        Parsed p = parse(FileBytes.map(file, "EDF/BDF"), file);
        List<StreamOutline> outlines = new ArrayList<>();
        for (int g = 0; g < p.groups().groups().size(); g++) {
            outlines.add(p.groups().outline(g, p.fileName(), p.records(), p.recordStarts(), p.storedFormat()));
        }
        if (p.layout().hasAnnotationSignals()) {
            outlines.add(StreamOutline.of(p.annotations().toStream(p.fileName(), p.headerXml())));
        }
        return outlines;
    }

    /**
     * Opens an EDF/EDF+/BDF/BDF+ file for replay: parses and checks it as {@link #read(Path)} does up to the signal
     * values (header, size against the header's record count, annotations, record starts), keeps the annotations,
     * and decodes each stream's values only when it is {@linkplain StreamHandle#slice sliced}, reading just the data
     * records the slice spans. Its streams slice into the same elements as those of {@code read}, in the same order.
     *
     * @throws RecordingFormatException as {@link #read(Path)}
     */
    public static RecordingHandle open(Path file) throws IOException {
        return new EdfRecordingHandle(file, parse(FileBytes.map(file, "EDF/BDF"), file));
    }

    private static Recording read(ByteBuffer content, Path file) throws RecordingFormatException {
        Parsed p = parse(content, file);
        List<RecordedStream> streams = new ArrayList<>();
        double[][] values = SampleDecoding.decode(p.bytes(), p.header(), p.layout(), p.groups().groups());
        for (int g = 0; g < values.length; g++) {
            streams.add(p.groups().stream(g, p.fileName(), values[g], p.records(), p.recordStarts(), p.storedFormat(),
                    p.headerXml()));
        }
        if (p.layout().hasAnnotationSignals()) {
            streams.add(p.annotations().toStream(p.fileName(), p.headerXml()));
        }
        return new Recording(file, p.header().formatName(), streams, p.problems());
    }

    /** Everything of a file but its decoded signal values. */
    record Parsed(ByteBuffer bytes, EdfHeader header, int records, EdfLayout layout,
                          AnnotationScan annotations, double[] recordStarts, RateGroups groups, String fileName,
                          String headerXml, List<String> problems) {
        ValueFormat storedFormat() {
            return header.bdf() ? ValueFormat.INT32 : ValueFormat.INT16;
        }
    }

    private static Parsed parse(ByteBuffer content, Path file) throws RecordingFormatException {
        ByteBuffer bytes = content.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        EdfHeader header = EdfHeader.parse(bytes, file);
        List<String> problems = new ArrayList<>();
        int records = recordCount(header, bytes.limit(), file, problems);
        EdfLayout layout = new EdfLayout(header, records);

        AnnotationScan annotations = scanAnnotations(bytes, header, layout, file);
        double[] recordStarts = recordStartsSeconds(header, layout, annotations, file, problems);

        String fileName = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String headerXml = EdfHeaderXml.of(header, records);
        RateGroups groups = new RateGroups(header.signals(), header.recordDurationSeconds());
        return new Parsed(bytes, header, records, layout, annotations, recordStarts, groups, fileName, headerXml,
                problems);
    }

    private static int recordCount(EdfHeader header, long fileBytes, Path file, List<String> problems)
            throws RecordingFormatException {
        long recordBytes = header.recordBytes();
        if (recordBytes > Integer.MAX_VALUE) {
            throw new RecordingFormatException(file, EdfHeader.FIXED_HEADER_BYTES, "Signals declare data records of "
                    + recordBytes + " bytes; records above 2 GiB are not supported.");
        }
        long dataBytes = fileBytes - header.headerBytes();
        long whole = dataBytes / recordBytes;
        long rest = dataBytes % recordBytes;
        long declared = header.declaredRecordCount();
        if (declared == -1) {
            if (rest != 0) {
                throw new RecordingFormatException(file, fileBytes, "File ends inside data record " + (whole + 1)
                        + ": " + rest + " of its " + recordBytes + " bytes are present (the header's record count"
                        + " is -1, unknown).");
            }
            problems.add("Number of data records is -1 (unknown) in the header; " + whole
                    + " records derived from the file size.");
            return (int) whole;
        }
        if (declared > whole) {
            if (rest != 0) {
                throw new RecordingFormatException(file, fileBytes, "File is truncated: it ends inside data record "
                        + (whole + 1) + " of " + declared + " (" + rest + " of its " + recordBytes
                        + " bytes are present).");
            }
            throw new RecordingFormatException(file, EdfHeader.RECORD_COUNT_OFFSET, "Header declares " + declared
                    + " data records of " + recordBytes + " bytes but the file holds only " + whole
                    + " after its " + header.headerBytes() + "-byte header.");
        }
        if (declared < whole || rest != 0) {
            long end = header.headerBytes() + declared * recordBytes;
            throw new RecordingFormatException(file, end, "Header declares " + declared + " data records of "
                    + recordBytes + " bytes but " + (fileBytes - end) + " more bytes follow the last of them.");
        }
        return (int) declared;
    }

    /** Parses every TAL of every annotation signal: markers and each record's time-keeping onset. */
    private static AnnotationScan scanAnnotations(ByteBuffer bytes, EdfHeader header, EdfLayout layout, Path file)
            throws RecordingFormatException {
        AnnotationScan scan = new AnnotationScan(layout.records());
        boolean firstSignal = true;
        for (EdfSignal signal : header.signals()) {
            if (!signal.annotation()) {
                continue;
            }
            int length = signal.samplesPerRecord() * header.bytesPerSample();
            for (int r = 0; r < layout.records(); r++) {
                int start = layout.signalStart(r, signal.index());
                List<TalParser.Tal> tals = TalParser.parse(bytes, start, length, file);
                for (int t = 0; t < tals.size(); t++) {
                    TalParser.Tal tal = tals.get(t);
                    List<String> texts = tal.texts();
                    if (firstSignal && t == 0 && texts.get(0).isEmpty()) {
                        scan.recordOnsetsSeconds[r] = tal.onsetSeconds();
                    }
                    for (String text : texts) {
                        if (!text.isEmpty()) {
                            scan.add(tal.onsetSeconds(), tal.durationSeconds(), text);
                        }
                    }
                }
                if (firstSignal && Double.isNaN(scan.recordOnsetsSeconds[r])) {
                    scan.recordsWithoutTimeKeeping.add(start);
                }
            }
            firstSignal = false;
        }
        return scan;
    }

    /**
     * The start of every record in seconds from the first record for EDF+D/BDF+D files, or null when records are
     * contiguous; for EDF+C files, reports time-keeping onsets that contradict contiguity as a problem.
     */
    private static double[] recordStartsSeconds(EdfHeader header, EdfLayout layout, AnnotationScan scan, Path file,
                                                List<String> problems) throws RecordingFormatException {
        double[] onsets = scan.recordOnsetsSeconds;
        if (!header.discontinuous()) {
            // Annotation-only files may have records of duration 0: nothing to be contiguous with.
            if (layout.records() > 0 && !Double.isNaN(onsets[0]) && header.recordDurationSeconds() > 0) {
                int mismatches = 0;
                int first = -1;
                for (int r = 1; r < onsets.length; r++) {
                    double expected = onsets[0] + r * header.recordDurationSeconds();
                    if (!Double.isNaN(onsets[r]) && Math.abs(onsets[r] - expected) > RECORD_START_TOLERANCE_SECONDS) {
                        mismatches++;
                        first = first < 0 ? r : first;
                    }
                }
                if (mismatches > 0) {
                    problems.add(header.formatName() + " file is marked continuous but " + mismatches
                            + " data records have time-keeping onsets that do not follow on from the previous"
                            + " record (first: record " + (first + 1) + " at " + onsets[first] + " s instead of "
                            + (onsets[0] + first * header.recordDurationSeconds())
                            + " s); samples are timed as contiguous.");
                }
            }
            return null;
        }
        if (!layout.hasAnnotationSignals()) {
            throw new RecordingFormatException(file, 192, header.formatName()
                    + " file is marked discontinuous (D) but has no annotation signal to time its data records.");
        }
        if (!scan.recordsWithoutTimeKeeping.isEmpty()) {
            int at = scan.recordsWithoutTimeKeeping.get(0);
            throw new RecordingFormatException(file, at, "Data record of a discontinuous " + header.formatName()
                    + " file has no time-keeping annotation (a first TAL with an empty text) giving its start time.");
        }
        double[] starts = new double[onsets.length];
        for (int r = 0; r < onsets.length; r++) {
            starts[r] = onsets[r] - onsets[0];
            if (r > 0 && starts[r] < starts[r - 1] + header.recordDurationSeconds() - RECORD_START_TOLERANCE_SECONDS) {
                throw new RecordingFormatException(file, layout.recordStart(r), "Data record " + (r + 1)
                        + " starts at " + onsets[r] + " s by its time-keeping annotation, before record " + r
                        + " (starting at " + onsets[r - 1] + " s, " + header.recordDurationSeconds()
                        + " s long) ends.");
            }
        }
        return starts;
    }

    /** Annotations collected from all TALs, plus each record's time-keeping onset (NaN when it has none). */
    static final class AnnotationScan {
        private final double[] recordOnsetsSeconds;
        private final List<Integer> recordsWithoutTimeKeeping = new ArrayList<>();
        private double[] onsets = new double[16];
        private double[] durations = new double[16];
        private final List<String> texts = new ArrayList<>();

        AnnotationScan(int records) {
            recordOnsetsSeconds = new double[records];
            Arrays.fill(recordOnsetsSeconds, Double.NaN);
        }

        void add(double onsetSeconds, double durationSeconds, String text) {
            int n = texts.size();
            if (n == onsets.length) {
                onsets = Arrays.copyOf(onsets, 2 * n);
                durations = Arrays.copyOf(durations, 2 * n);
            }
            onsets[n] = onsetSeconds;
            durations[n] = durationSeconds;
            texts.add(text);
        }

        RecordedStream toStream(String fileName, String headerXml) {
            int n = texts.size();
            // Onsets are relative to the first record's time-keeping onset, as MNE makes them.
            double shift = recordOnsetsSeconds.length > 0 && !Double.isNaN(recordOnsetsSeconds[0])
                    ? recordOnsetsSeconds[0] : 0.0;
            double[] shifted = new double[n];
            for (int i = 0; i < n; i++) {
                shifted[i] = onsets[i] - shift;
            }
            return MarkerStreams.sorted(fileName, "annotations", "annotation", n, shifted, durations,
                    texts.toArray(new String[0]), headerXml);
        }
    }
}
