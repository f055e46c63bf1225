package org.neurostream.video.frame;

/**
 * Separable resampling of planar float images with precomputed taps: each output column (row) is a weighted sum of
 * input columns (rows) listed in compressed form ({@code start[i]..start[i+1]} index {@code index} and
 * {@code weight}). Bilinear and area resizing differ only in their taps.
 */
final class Resampler {
    private final int inWidth;
    private final int inHeight;
    private final int outWidth;
    private final int outHeight;
    private final Taps xTaps;
    private final Taps yTaps;

    private record Taps(int[] start, int[] index, float[] weight) {
    }

    private Resampler(int inWidth, int inHeight, int outWidth, int outHeight, Taps xTaps, Taps yTaps) {
        this.inWidth = inWidth;
        this.inHeight = inHeight;
        this.outWidth = outWidth;
        this.outHeight = outHeight;
        this.xTaps = xTaps;
        this.yTaps = yTaps;
    }

    static Resampler bilinear(int inWidth, int inHeight, int outWidth, int outHeight) {
        return new Resampler(inWidth, inHeight, outWidth, outHeight, linearTaps(inWidth, outWidth),
                linearTaps(inHeight, outHeight));
    }

    static Resampler area(int inWidth, int inHeight, int outWidth, int outHeight) {
        if (outWidth > inWidth || outHeight > inHeight) {
            throw new IllegalArgumentException("AREA resizing only shrinks, but " + inWidth + "x" + inHeight
                    + " -> " + outWidth + "x" + outHeight + " enlarges; use BILINEAR to enlarge");
        }
        return new Resampler(inWidth, inHeight, outWidth, outHeight, areaTaps(inWidth, outWidth),
                areaTaps(inHeight, outHeight));
    }

    /** Two taps per output pixel: half-pixel centres, edges replicated (OpenCV INTER_LINEAR). */
    private static Taps linearTaps(int in, int out) {
        int[] start = new int[out + 1];
        int[] index = new int[2 * out];
        float[] weight = new float[2 * out];
        double scale = (double) in / out;
        for (int d = 0; d < out; d++) {
            float f = (float) ((d + 0.5) * scale - 0.5);
            int s = (int) Math.floor(f);
            f -= s;
            if (s < 0) {
                s = 0;
                f = 0;
            }
            if (s >= in - 1) {
                s = in - 1;
                f = 0;
            }
            start[d] = 2 * d;
            index[2 * d] = s;
            index[2 * d + 1] = Math.min(s + 1, in - 1);
            weight[2 * d] = 1f - f;
            weight[2 * d + 1] = f;
        }
        start[out] = 2 * out;
        return new Taps(start, index, weight);
    }

    /** Covered fractions of the input cells under each output cell (OpenCV INTER_AREA when shrinking). */
    private static Taps areaTaps(int in, int out) {
        double scale = (double) in / out;
        int maxTaps = out * ((int) Math.ceil(scale) + 2);
        int[] start = new int[out + 1];
        int[] index = new int[maxTaps];
        float[] weight = new float[maxTaps];
        int k = 0;
        for (int d = 0; d < out; d++) {
            start[d] = k;
            double f1 = d * scale;
            double f2 = f1 + scale;
            double cell = Math.min(scale, in - f1);
            int s1 = (int) Math.ceil(f1);
            int s2 = Math.min((int) Math.floor(f2), in - 1);
            s1 = Math.min(s1, s2);
            if (s1 - f1 > 1e-3) {
                index[k] = s1 - 1;
                weight[k++] = (float) ((s1 - f1) / cell);
            }
            for (int s = s1; s < s2; s++) {
                index[k] = s;
                weight[k++] = (float) (1.0 / cell);
            }
            if (f2 - s2 > 1e-3) {
                index[k] = s2;
                weight[k++] = (float) (Math.min(Math.min(f2 - s2, 1.0), cell) / cell);
            }
        }
        start[out] = k;
        return new Taps(start, index, weight);
    }

    /** Resamples {@code channels} planes of {@code src} ({@code inWidth × inHeight}) into {@code dst}. */
    void resample(float[] src, float[] dst, int channels) {
        int[] xs = xTaps.start();
        int[] xi = xTaps.index();
        float[] xw = xTaps.weight();
        int[] ys = yTaps.start();
        int[] yi = yTaps.index();
        float[] yw = yTaps.weight();
        int inPlane = inWidth * inHeight;
        int outPlane = outWidth * outHeight;
        for (int c = 0; c < channels; c++) {
            int srcBase = c * inPlane;
            int dstBase = c * outPlane;
            for (int y = 0; y < outHeight; y++) {
                int rowOut = dstBase + y * outWidth;
                for (int x = 0; x < outWidth; x++) {
                    float acc = 0f;
                    for (int ty = ys[y]; ty < ys[y + 1]; ty++) {
                        int row = srcBase + yi[ty] * inWidth;
                        float h = 0f;
                        for (int tx = xs[x]; tx < xs[x + 1]; tx++) {
                            h += xw[tx] * src[row + xi[tx]];
                        }
                        acc += yw[ty] * h;
                    }
                    dst[rowOut + x] = acc;
                }
            }
        }
    }
}
