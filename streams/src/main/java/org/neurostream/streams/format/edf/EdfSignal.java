package org.neurostream.streams.format.edf;

/**
 * One signal of an EDF/BDF header (one 256-byte column of the signal header), as stored in the file.
 *
 * @param index               position of the signal in the header, from 0
 * @param label               the label with surrounding whitespace removed, for example {@code Fc5.} or
 *                            {@code EEG Fpz-Cz}
 * @param transducer          transducer type, trimmed
 * @param physicalDimension   the unit of the physical values, trimmed, for example {@code uV}
 * @param physicalMinimum     physical value of {@link #digitalMinimum}
 * @param physicalMaximum     physical value of {@link #digitalMaximum}
 * @param digitalMinimum      smallest stored integer
 * @param digitalMaximum      largest stored integer
 * @param prefiltering        prefiltering text, trimmed
 * @param samplesPerRecord    samples of this signal in each data record, at least 1
 * @param annotation          true for an EDF+/BDF+ annotation signal ({@code EDF Annotations} /
 *                            {@code BDF Annotations}), whose bytes are TAL text rather than samples
 */
record EdfSignal(
        int index,
        String label,
        String transducer,
        String physicalDimension,
        double physicalMinimum,
        double physicalMaximum,
        double digitalMinimum,
        double digitalMaximum,
        String prefiltering,
        int samplesPerRecord,
        boolean annotation) {

    /** Physical units per digital step, computed as MNE computes it. */
    double scale() {
        return (physicalMaximum - physicalMinimum) / (digitalMaximum - digitalMinimum);
    }

    /**
     * Physical value of digital 0, so that {@code physical = digital * scale() + offset()}; MNE evaluates the
     * scaling in exactly this order, which this reader follows to give bit-identical doubles.
     */
    double offset() {
        return physicalMinimum - digitalMinimum * scale();
    }

    /**
     * The channel type: the EDF+ label prefix ({@code ECG II} is ECG) when it is one of the spec's signal types,
     * otherwise EEG.
     */
    String channelType() {
        int space = label.indexOf(' ');
        if (space > 0) {
            String prefix = label.substring(0, space).toUpperCase(java.util.Locale.ROOT);
            switch (prefix) {
                case "EEG", "ECG", "EOG", "ERG", "EMG", "MEG", "MCG", "EP", "TEMP", "RESP", "SAO2", "LIGHT",
                        "SOUND", "EVENT", "MISC", "SEEG", "ECOG", "DBS", "BIO", "STIM" -> {
                    return prefix;
                }
                default -> {
                    return "EEG";
                }
            }
        }
        return "EEG";
    }
}
