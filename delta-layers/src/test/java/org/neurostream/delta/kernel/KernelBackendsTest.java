package org.neurostream.delta.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Java kernel against a naive triple loop written here, for dense-shaped and convolution-shaped batches. */
class KernelBackendsTest {

  static float[] random(Random r, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }

  /** A batch with entries spread over accumulator rows in random order, some rows repeated. */
  static RowBatch randomBatch(Random r, int entries, int weightRows, int accRows, int rowLength) {
    RowBatch b = new RowBatch(4);
    for (int p = 0; p < entries; p++) {
      b.add(r.nextInt(weightRows), r.nextInt(accRows) * rowLength, (float) r.nextGaussian());
    }
    return b;
  }

  static float[] naiveScatter(WeightRows w, RowBatch b, float[] acc) {
    float[] out = acc.clone();
    for (int p = 0; p < b.count(); p++) {
      for (int j = 0; j < w.rowLength(); j++) {
        out[b.accOffsets()[p] + j] += b.scales()[p] * w.values()[b.weightRows()[p] * w.rowLength() + j];
      }
    }
    return out;
  }

  static void assertClose(float[] actual, float[] expected) {
    for (int i = 0; i < expected.length; i++) {
      assertThat((double) actual[i]).as("element %d", i)
          .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-4 * (1 + Math.abs(expected[i]))));
    }
  }

  @Test
  void javaScatterMatchesNaiveLoopForConvolutionShapedBatches() {
    Random r = new Random(1);
    WeightRows w = WeightRows.of(random(r, 27 * 8), 27, 8);
    RowBatch b = randomBatch(r, 200, 27, 36, 8);
    float[] acc = random(r, 36 * 8);
    float[] expected = naiveScatter(w, b, acc);
    new JavaKernelBackend().prepare(w, acc.length, 200).scatter(b, acc);
    assertClose(acc, expected);
  }

  @Test
  void javaScatterMatchesNaiveLoopForDenseShapedBatches() {
    Random r = new Random(2);
    WeightRows w = WeightRows.of(random(r, 101 * 37), 101, 37);
    RowBatch b = randomBatch(r, 57, 101, 1, 37);
    float[] acc = random(r, 37);
    float[] expected = naiveScatter(w, b, acc);
    new JavaKernelBackend().prepare(w, acc.length, 57).scatter(b, acc);
    assertClose(acc, expected);
  }

  @Test
  void javaDenseForwardIsBiasPlusInputTimesWeights() {
    Random r = new Random(3);
    WeightRows w = WeightRows.of(random(r, 103 * 29), 103, 29);
    float[] x = random(r, 103);
    float[] bias = random(r, 29);
    float[] expected = new float[29];
    for (int j = 0; j < 29; j++) {
      double s = bias[j];
      for (int i = 0; i < 103; i++) {
        s += x[i] * w.values()[i * 29 + j];
      }
      expected[j] = (float) s;
    }
    float[] out = new float[29];
    new JavaKernelBackend().prepare(w, 29, 103).denseForward(x, bias, out);
    assertClose(out, expected);
  }

  @Test
  void weightRowsCountNonZeroWeightsPerRow() {
    WeightRows w = WeightRows.of(new float[] {0, 1, 2, 0, 0, 0, 3, 0, 4}, 3, 3);
    assertThat(w.nonZeroPerRow()).containsExactly(2, 0, 2);
  }
}
