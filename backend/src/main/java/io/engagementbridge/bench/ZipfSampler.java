package io.engagementbridge.bench;

import java.util.Arrays;
import java.util.Random;

/** Draws ranks 0..n-1 with probability proportional to 1 / (rank + 1)^s; one seed always yields the same draws. */
final class ZipfSampler {
    private final double[] cumulative;
    private final Random random;

    ZipfSampler(int n, double exponent, long seed) {
        if (n < 1 || exponent <= 0) {
            throw new IllegalArgumentException("need n >= 1 and exponent > 0, got n=" + n + ", s=" + exponent);
        }
        cumulative = new double[n];
        double sum = 0;
        for (int rank = 0; rank < n; rank++) {
            sum += 1 / Math.pow(rank + 1, exponent);
            cumulative[rank] = sum;
        }
        for (int rank = 0; rank < n; rank++) {
            cumulative[rank] /= sum;
        }
        random = new Random(seed);
    }

    int next() {
        var found = Arrays.binarySearch(cumulative, random.nextDouble());
        var rank = found >= 0 ? found : -found - 1;
        return Math.min(rank, cumulative.length - 1);
    }

    int[] next(int count) {
        var ranks = new int[count];
        for (int i = 0; i < count; i++) {
            ranks[i] = next();
        }
        return ranks;
    }
}
