package org.neurostream.bci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Access to the golden vectors written by {@code test-data/scripts/bci_dsp_golden.py} (scipy / MNE) into
 * {@code test-data/golden/bci-dsp/}: a JSON manifest plus little-endian float64 arrays.
 */
public final class BciDspGolden {
    private static final Path DIR = Path.of(System.getProperty("neurostream.test.data", "../test-data"))
            .resolve("golden").resolve("bci-dsp");
    private static JsonNode manifest;

    private BciDspGolden() {
    }

    /** The parsed manifest.json. */
    public static synchronized JsonNode manifest() {
        if (manifest == null) {
            try {
                manifest = new ObjectMapper().readTree(DIR.resolve("manifest.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read golden manifest in " + DIR, e);
            }
        }
        return manifest;
    }

    /** The shape of stored array {@code name}. */
    public static int[] shape(String name) {
        JsonNode node = manifest().get("arrays").get(name);
        int[] shape = new int[node.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = node.get(i).asInt();
        }
        return shape;
    }

    /** The stored array {@code name}, flattened row-major (so a channels × samples array is channel-major). */
    public static double[] array(String name) {
        try {
            byte[] bytes = Files.readAllBytes(DIR.resolve(name + ".bin"));
            double[] out = new double[bytes.length / 8];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read golden array " + name, e);
        }
    }

    /** A JSON array of numbers (nested arrays are flattened row-major). */
    public static double[] doubles(JsonNode node) {
        java.util.List<Double> values = new java.util.ArrayList<>();
        flatten(node, values);
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void flatten(JsonNode node, java.util.List<Double> out) {
        if (node.isArray()) {
            node.forEach(child -> flatten(child, out));
        } else {
            out.add(node.asDouble());
        }
    }

    /**
     * Asserts {@code |actual − expected| <= relativeTolerance · max(|expected|, 1e-3 · max|expected|)} element-wise:
     * relative for every value except those a thousand times below the array's largest, where rounding noise of the
     * large values dominates.
     */
    public static void assertClose(String what, double[] actual, double[] expected, double relativeTolerance) {
        assertThat(actual).as(what + " length").hasSize(expected.length);
        double max = 0;
        for (double e : expected) {
            max = Math.max(max, Math.abs(e));
        }
        double floor = 1e-3 * max;
        double worst = 0;
        int worstIndex = -1;
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(actual[i] - expected[i]) / Math.max(Math.max(Math.abs(expected[i]), floor),
                    Double.MIN_NORMAL);
            if (!(err <= worst)) {
                worst = err;
                worstIndex = i;
            }
        }
        assertThat(worst).as("%s: worst relative error at index %d (actual %s, expected %s)", what, worstIndex,
                        worstIndex < 0 ? "-" : actual[worstIndex], worstIndex < 0 ? "-" : expected[worstIndex])
                .isLessThanOrEqualTo(relativeTolerance);
    }
}
