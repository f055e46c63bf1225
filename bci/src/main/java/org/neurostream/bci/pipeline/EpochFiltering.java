package org.neurostream.bci.pipeline;

import org.neurostream.bci.filter.SosCoefficients;
import org.neurostream.bci.filter.SosFiltering;

/** Applies a zero-phase SOS filter ({@code sosfiltfilt}) to one epoch [nChannels][nTimes]. */
final class EpochFiltering {
    private EpochFiltering() {}

    static double[][] filtfilt(SosCoefficients sos, double[][] epoch) {
        int c = epoch.length;
        int n = epoch[0].length;
        double[] flat = new double[c * n];
        for (int i = 0; i < c; i++) {
            System.arraycopy(epoch[i], 0, flat, i * n, n);
        }
        double[] out = SosFiltering.sosfiltfilt(sos, flat, c);
        double[][] res = new double[c][n];
        for (int i = 0; i < c; i++) {
            System.arraycopy(out, i * n, res[i], 0, n);
        }
        return res;
    }

    static double[] flatten(double[][] epoch) {
        int n = epoch[0].length;
        double[] flat = new double[epoch.length * n];
        for (int i = 0; i < epoch.length; i++) {
            System.arraycopy(epoch[i], 0, flat, i * n, n);
        }
        return flat;
    }
}
