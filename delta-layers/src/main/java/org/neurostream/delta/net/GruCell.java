package org.neurostream.delta.net;

import org.neurostream.delta.layer.Activation;

/** The GRU's element-wise gate arithmetic, shared by the dense reference and the delta network. */
final class GruCell {

  private GruCell() {
  }

  /**
   * Given the input part {@code gx = x·Wx + bx} and hidden part {@code gh = h·Wh + bh} of the gate pre-activations
   * (each {@code [r | z | n]}), writes {@code h' = (1 − z) ⊙ n + z ⊙ h} to {@code out}.
   */
  static void combine(float[] gx, float[] gh, float[] h, float[] out, int hs) {
    for (int k = 0; k < hs; k++) {
      float r = Activation.sigmoid(gx[k] + gh[k]);
      float z = Activation.sigmoid(gx[hs + k] + gh[hs + k]);
      float n = (float) Math.tanh(gx[2 * hs + k] + r * gh[2 * hs + k]);
      out[k] = (1f - z) * n + z * h[k];
    }
  }
}
