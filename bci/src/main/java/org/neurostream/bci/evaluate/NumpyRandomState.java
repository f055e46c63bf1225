package org.neurostream.bci.evaluate;

/**
 * numpy's legacy {@code numpy.random.RandomState(seed)}: the MT19937 generator seeded as {@code init_genrand}, and
 * {@code permutation(n)} as numpy's Fisher-Yates shuffle with rejection-sampled bounded integers. Reproduces the
 * shuffles scikit-learn draws from {@code random_state=<int>} (e.g. {@code ShuffleSplit}) bit for bit.
 *
 * <p>Matsumoto and Nishimura, "Mersenne Twister", ACM TOMACS 8(1), 1998. Not thread-safe; not for cryptography.
 */
public final class NumpyRandomState {
    private static final int N = 624;
    private static final int M = 397;
    private final int[] mt = new int[N];
    private int pos;

    /** Seeds as {@code RandomState(seed)} does for an integer seed in [0, 2³² − 1]. */
    public NumpyRandomState(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("Seed must be between 0 and 2**32 - 1, but got " + seed + ".");
        }
        long s = seed;
        for (int i = 0; i < N; i++) {
            mt[i] = (int) s;
            s = (1812433253L * (s ^ (s >>> 30)) + i + 1) & 0xffffffffL;
        }
        pos = N;
    }

    /** Next 32-bit output, as an unsigned value in a long. */
    public long nextUint32() {
        if (pos >= N) {
            twist();
        }
        int y = mt[pos++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
            int v = mt[(i + M) % N] ^ (y >>> 1);
            if ((y & 1) != 0) {
                v ^= 0x9908b0df;
            }
            mt[i] = v;
        }
        pos = 0;
    }

    /** A uniform integer in [0, max] by masked rejection, as numpy's {@code random_interval} (max < 2³²). */
    long randomInterval(long max) {
        if (max == 0) {
            return 0;
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long value;
        do {
            value = nextUint32() & mask;
        } while (value > max);
        return value;
    }

    /** {@code permutation(n)}: a shuffled 0..n−1. */
    public int[] permutation(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be non-negative, but got " + n + ".");
        }
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i >= 1; i--) {
            int j = (int) randomInterval(i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
