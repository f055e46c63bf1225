package org.neurostream.deploy.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.Locale;

/** Number formatting and the JSON writer shared by the commands. */
final class Formats {
    private Formats() {
    }

    /**
     * A pretty-printing JSON writer; records serialize by their components, and NaN or infinite doubles (an undefined
     * rate, a stream without samples) become {@code null}, since JSON has no NaN.
     */
    static ObjectMapper json() {
        SimpleModule finiteDoubles = new SimpleModule("finite-doubles");
        StdSerializer<Double> nanAsNull = new StdSerializer<>(Double.class) {
            @Override
            public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                if (Double.isFinite(value)) {
                    gen.writeNumber(value);
                } else {
                    gen.writeNull();
                }
            }
        };
        finiteDoubles.addSerializer(Double.class, nanAsNull);
        finiteDoubles.addSerializer(double.class, nanAsNull);
        return new ObjectMapper().registerModule(finiteDoubles).enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** {@code value} with {@code decimals} decimals, or "-" when it is NaN or infinite. */
    static String fixed(double value, int decimals) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value) : "-";
    }

    /** A count with thousands separators, for example {@code 1,280,000}. */
    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
