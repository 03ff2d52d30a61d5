package org.pmnfs.benchmarks.wire;

import java.util.Arrays;
import java.util.List;

/** Round-trip times of one measurement, in nanoseconds, and their percentiles. */
final class Samples {

    private long[] nanos = new long[1 << 14];
    private int count;

    void add(long n) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = n;
    }

    int count() {
        return count;
    }

    /** All samples of several measurements together (the calls of every connection). */
    static Samples merge(List<Samples> parts) {
        Samples all = new Samples();
        int n = parts.stream().mapToInt(Samples::count).sum();
        all.nanos = new long[Math.max(1, n)];
        for (Samples p : parts) {
            System.arraycopy(p.nanos, 0, all.nanos, all.count, p.count);
            all.count += p.count;
        }
        return all;
    }

    /** The summary, in microseconds. */
    Summary summary() {
        if (count == 0) {
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] s = Arrays.copyOf(nanos, count);
        Arrays.sort(s);
        double sum = 0;
        for (long v : s) {
            sum += v;
        }
        return new Summary(count, at(s, 0.5) / 1e3, at(s, 0.99) / 1e3, sum / count / 1e3, s[count - 1] / 1e3);
    }

    private static double at(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
    }

    /** Count, median, 99th percentile, mean and maximum (microseconds). */
    record Summary(int count, double median, double p99, double mean, double max) {}

    /** The median of some values (NaNs left out), e.g. of the medians of several rounds. */
    static double median(double[] values) {
        double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
