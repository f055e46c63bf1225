package org.neurostream.bci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the golden vectors written by test-data/scripts/bci_ml_golden.py (float64 LE .bin + index.json). */
public final class Golden {
    private static final Path DIR = Path.of(System.getProperty("neurostream.test.data", "../test-data"), "golden", "bci-ml");
    private static JsonNode index;

    private Golden() {}

    public static Path testData() {
        return Path.of(System.getProperty("neurostream.test.data", "../test-data"));
    }

    private static synchronized JsonNode index() {
        if (index == null) {
            try {
                index = new ObjectMapper().readTree(DIR.resolve("index.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return index;
    }

    public static int[] shape(String name) {
        JsonNode s = index().path("arrays").get(name);
        if (s == null) {
            throw new IllegalArgumentException("No golden array " + name);
        }
        int[] out = new int[s.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.get(i).asInt();
        }
        return out;
    }

    public static double scalar(String name) {
        return index().path("scalars").get(name).asDouble();
    }

    public static double[] flat(String name) {
        try {
            byte[] b = Files.readAllBytes(DIR.resolve(name + ".bin"));
            double[] out = new double[b.length / 8];
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static double[] vector(String name) {
        return flat(name);
    }

    public static int[] ints(String name) {
        double[] d = flat(name);
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (int) Math.round(d[i]);
        }
        return out;
    }

    public static double[][] matrix(String name) {
        int[] s = shape(name);
        double[] d = flat(name);
        int rows = s.length == 1 ? 1 : s[0];
        int cols = s.length == 1 ? s[0] : s[1];
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(d, i * cols, out[i], 0, cols);
        }
        return out;
    }

    public static double[][][] cube(String name) {
        int[] s = shape(name);
        double[] d = flat(name);
        double[][][] out = new double[s[0]][s[1]][s[2]];
        int k = 0;
        for (int i = 0; i < s[0]; i++) {
            for (int j = 0; j < s[1]; j++) {
                System.arraycopy(d, k, out[i][j], 0, s[2]);
                k += s[2];
            }
        }
        return out;
    }
}
