package org.neurostream.deploy.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class JsonTextTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode compact(double... values) throws Exception {
        return JSON.readTree(new JsonText(64).compactArray(values, 0, values.length).toString());
    }

    @Property(tries = 2000)
    void traceValuesKeepSixSignificantDigits(@ForAll @DoubleRange(min = -2e9, max = 2e9) double v,
            @ForAll @DoubleRange(min = -12, max = 0) double exponent) throws Exception {
        double x = v * Math.pow(10, Math.round(exponent));
        double written = compact(x).get(0).asDouble();
        // within half a unit of the sixth significant digit
        assertThat(Math.abs(written - x)).isLessThanOrEqualTo(0.5e-5 * Math.abs(x) * 1.000001);
    }

    @Test
    void roundedValuesAreWrittenShortWithoutExponent() throws Exception {
        String text = new JsonText(64).compactArray(new double[] {12.5, -0.00123457, 9.9999996, 1234567.8, 0.05,
                -3, 0, Double.NaN}, 0, 8).toString();
        assertThat(text).isEqualTo("[12.5,-0.00123457,10,1234568,0.05,-3,0,null]");
    }
}
