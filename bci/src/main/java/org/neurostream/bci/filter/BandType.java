package org.neurostream.bci.filter;

/** Which frequencies a filter passes; names and meaning as scipy's {@code btype}. */
public enum BandType {
    /** Passes below one cutoff. */
    LOWPASS("lowpass"),
    /** Passes above one cutoff. */
    HIGHPASS("highpass"),
    /** Passes between two cutoffs. */
    BANDPASS("bandpass"),
    /** Rejects between two cutoffs. */
    BANDSTOP("bandstop");

    private final String scipyName;

    BandType(String scipyName) {
        this.scipyName = scipyName;
    }

    /** The matching scipy {@code btype} string. */
    public String scipyName() {
        return scipyName;
    }

    /** Number of cutoff frequencies this band type needs (1 or 2). */
    public int cutoffCount() {
        return this == LOWPASS || this == HIGHPASS ? 1 : 2;
    }

    /** Parses scipy's names ("lowpass", "low", "bandpass", "band", "pass", ...). */
    public static BandType parse(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "lowpass", "low", "lp" -> LOWPASS;
            case "highpass", "high", "hp" -> HIGHPASS;
            case "bandpass", "band", "pass", "bp" -> BANDPASS;
            case "bandstop", "stop", "bs" -> BANDSTOP;
            default -> throw new IllegalArgumentException("Invalid value for 'bandType'. Allowed values are "
                    + "'lowpass', 'highpass', 'bandpass' and 'bandstop', but got '" + name + "' instead.");
        };
    }
}
