package org.neurostream.deploy.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neurostream.streams.lsl.LslStreamKey;

/** Turns the command line's stream selectors into LSL XPath predicates. */
final class StreamSpecs {
    private static final Pattern PROPERTY = Pattern.compile("([A-Za-z_][A-Za-z_0-9]*)\\s*=\\s*([^'\"=<>()]*)");

    private StreamSpecs() {
    }

    /**
     * {@code prop=value} (for example {@code type=EEG}) becomes {@code prop='value'}; anything else is taken as an
     * XPath 1.0 predicate over the stream info, for example {@code "type='EEG' and starts-with(name,'Muse')"}.
     */
    static String toPredicate(String spec) {
        String s = spec.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("An empty stream selector matches nothing; use for example "
                    + "type=EEG or \"name='BioSemi'\".");
        }
        Matcher m = PROPERTY.matcher(s);
        return m.matches() ? m.group(1) + "=" + LslStreamKey.literal(m.group(2).trim()) : s;
    }
}
