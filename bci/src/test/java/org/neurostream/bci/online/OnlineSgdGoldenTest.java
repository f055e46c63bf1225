package org.neurostream.bci.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.neurostream.bci.Golden;

/**
 * {@link OnlineLogisticRegression}'s updates against scikit-learn's {@code SGDClassifier} (one online pass, constant
 * step), from {@code test-data/scripts/online_sgd_golden.py}: plain SGD with L2, and the preconditioned step, which
 * the script runs as scikit-learn SGD on the features whitened by the same second moment; and the homeostatic weight
 * forgetting through a label swap (weights and the second moment remembered with them, the step's covariance part
 * shrunk with scikit-learn's OAS intensity) against the script's independent numpy implementation of the rule.
 */
class OnlineSgdGoldenTest {
    private static final int[] CLASSES = {0, 1};

    private static JsonNode golden() throws IOException {
        return new ObjectMapper().readTree(Path.of(Golden.testData().toString(), "golden", "online", "sgd.json")
                .toFile());
    }

    private static double[] vector(JsonNode n) {
        double[] out = new double[n.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = n.get(i).asDouble();
        }
        return out;
    }

    private static double[][] matrix(JsonNode n) {
        double[][] out = new double[n.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = vector(n.get(i));
        }
        return out;
    }

    /** Streams the golden trials through {@code model} (boost 0: the constant step scikit-learn takes). */
    private static OnlineLogisticRegression stream(OnlineLogisticRegression model, JsonNode g) {
        double[][] x = matrix(g.get("x"));
        JsonNode y = g.get("y");
        for (int i = 0; i < x.length; i++) {
            model = model.learn(x[i], y.get(i).asInt());
        }
        return model;
    }

    /** The golden start weights, plain SGD with boost 0 (the constant step scikit-learn takes). */
    private static OnlineLogisticRegression start(JsonNode g, double learningRate, double l2, double accuracyRate) {
        return OnlineLogisticRegression.fromLinear(CLASSES, new double[][] {vector(g.get("coef0"))},
                new double[] {g.get("intercept0").asDouble()}, learningRate, l2, 0, accuracyRate);
    }

    private static void assertWeights(OnlineLogisticRegression model, JsonNode expected, double tolerance) {
        double[] coef = vector(expected.get("coef"));
        for (int j = 0; j < coef.length; j++) {
            assertThat(model.coef()[0][j]).as("coef %d", j).isCloseTo(coef[j], within(tolerance));
        }
        assertThat(model.intercept()[0]).isCloseTo(expected.get("intercept").asDouble(), within(tolerance));
    }

    @Test
    void plainSgdStepsEqualScikitLearnsSgdClassifier() throws IOException {
        JsonNode g = golden();
        JsonNode plain = g.get("plain");
        OnlineLogisticRegression start = start(g, plain.get("learningRate").asDouble(), plain.get("l2").asDouble(),
                0.2);
        assertWeights(stream(start, g), plain, 1e-12);
    }

    @Test
    void preconditionedStepsEqualScikitLearnSgdOnWhitenedFeatures() throws IOException {
        JsonNode g = golden();
        JsonNode pre = g.get("preconditioned");
        OnlineLogisticRegression start = start(g, pre.get("learningRate").asDouble(), pre.get("l2").asDouble(), 0.2)
                .withPreconditioner(matrix(pre.get("preconditioner")));
        // weights of size ~30 after whitening and back: agreement to ~1e-12 relative
        assertWeights(stream(start, g), pre, 1e-9);
    }

    @Test
    void weightForgettingStepsEqualTheNumpyReferenceThroughASwap() throws IOException {
        JsonNode g = golden();
        JsonNode f = g.get("forgetting");
        OnlineLogisticRegression model = start(g, f.get("learningRate").asDouble(), 0, f.get("errorRate").asDouble())
                .withPreconditioner(matrix(g.get("preconditioned").get("preconditioner")))
                .withForgetting(f.get("forgettingFactor").asDouble());
        double[][] x = matrix(g.get("x"));
        JsonNode y = g.get("y");
        int swapAt = f.get("swapAt").asInt();
        for (int i = 0; i < x.length; i++) {
            int label = i < swapAt ? y.get(i).asInt() : 1 - y.get(i).asInt();
            model = model.learn(x[i], label);
        }
        assertWeights(model, f, 1e-9);
        double[][] pre = matrix(f.get("preconditioner"));
        for (int i = 0; i < pre.length; i++) {
            for (int j = 0; j < pre.length; j++) {
                assertThat(model.preconditioner()[i][j]).as("P[%d][%d]", i, j)
                        .isCloseTo(pre[i][j], within(1e-9 * Math.max(1, Math.abs(pre[i][j]))));
            }
        }
    }
}
