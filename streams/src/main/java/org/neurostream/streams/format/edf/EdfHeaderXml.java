package org.neurostream.streams.format.edf;

/**
 * Renders the descriptive fields of an EDF/BDF header as a small XML document, kept in
 * {@link org.neurostream.streams.format.RecordedStream#headerXml()} so that {@code inspect} can show the start date
 * and time, identifications and per-signal details that have no place in a stream description.
 */
final class EdfHeaderXml {
    private EdfHeaderXml() {
    }

    static String of(EdfHeader header, int records) {
        StringBuilder xml = new StringBuilder(512 + 256 * header.signals().size());
        xml.append("<edf>");
        element(xml, "format", header.formatName());
        element(xml, "reserved", header.reserved());
        element(xml, "patient", header.patient());
        element(xml, "recording", header.recording());
        element(xml, "startdate", header.startDate());
        element(xml, "starttime", header.startTime());
        element(xml, "records", Integer.toString(records));
        element(xml, "record_duration_seconds", Double.toString(header.recordDurationSeconds()));
        xml.append("<signals>");
        for (EdfSignal s : header.signals()) {
            xml.append("<signal>");
            element(xml, "label", s.label());
            element(xml, "transducer", s.transducer());
            element(xml, "physical_dimension", s.physicalDimension());
            element(xml, "physical_min", Double.toString(s.physicalMinimum()));
            element(xml, "physical_max", Double.toString(s.physicalMaximum()));
            element(xml, "digital_min", Double.toString(s.digitalMinimum()));
            element(xml, "digital_max", Double.toString(s.digitalMaximum()));
            element(xml, "prefiltering", s.prefiltering());
            element(xml, "samples_per_record", Integer.toString(s.samplesPerRecord()));
            xml.append("</signal>");
        }
        xml.append("</signals></edf>");
        return xml.toString();
    }

    /** Appends {@code <name>text</name>}, escaping the text. */
    static void element(StringBuilder xml, String name, String text) {
        xml.append('<').append(name).append('>');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                case '&' -> xml.append("&amp;");
                default -> {
                    // XML 1.0 forbids most control characters, even escaped; header bytes are Latin-1.
                    xml.append(c < 0x20 && c != '\t' ? '?' : c);
                }
            }
        }
        xml.append("</").append(name).append('>');
    }
}
