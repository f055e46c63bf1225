package org.neurostream.streams.format.edf;

/**
 * Where each signal's bytes lie in the data records of a file whose size has been checked against its header, so
 * every offset fits in an {@code int}.
 */
final class EdfLayout {
    private final int dataStart;
    private final int recordBytes;
    private final int records;
    private final int[] signalOffsetInRecord;
    private final boolean annotationSignals;

    EdfLayout(EdfHeader header, int records) {
        this.dataStart = header.headerBytes();
        this.recordBytes = Math.toIntExact(header.recordBytes());
        this.records = records;
        this.signalOffsetInRecord = new int[header.signals().size()];
        int offset = 0;
        boolean anyAnnotation = false;
        for (EdfSignal s : header.signals()) {
            signalOffsetInRecord[s.index()] = offset;
            offset += s.samplesPerRecord() * header.bytesPerSample();
            anyAnnotation |= s.annotation();
        }
        this.annotationSignals = anyAnnotation;
    }

    int records() {
        return records;
    }

    boolean hasAnnotationSignals() {
        return annotationSignals;
    }

    /** Bytes of one data record (all signals). */
    int recordBytes() {
        return recordBytes;
    }

    /** Byte offset of data record {@code record} (from 0) in the file. */
    int recordStart(int record) {
        return dataStart + record * recordBytes;
    }

    /** Byte offset of signal {@code signal}'s first sample from the start of a data record. */
    int signalOffsetInRecord(int signal) {
        return signalOffsetInRecord[signal];
    }

    /** Byte offset of signal {@code signal}'s first sample in data record {@code record}. */
    int signalStart(int record, int signal) {
        return recordStart(record) + signalOffsetInRecord[signal];
    }
}
