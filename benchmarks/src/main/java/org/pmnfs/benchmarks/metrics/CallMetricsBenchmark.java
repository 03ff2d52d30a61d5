package org.pmnfs.benchmarks.metrics;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.pmnfs.server.metrics.ServerMetrics;
import org.pmnfs.server.rpc.CallObserver;

/**
 * What the RPC dispatcher adds to one call when --metrics-listen is on: two clock reads (arrival
 * and reply) and {@code served()} (a counter and a histogram bucket of a pre-resolved procedure).
 * Run with {@code -prof gc} to see that it allocates nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CallMetricsBenchmark {

    private CallObserver.ProcedureObserver read;

    @Setup
    public void setUp() {
        read = new ServerMetrics().calls().procedure("NFS3", "READ");
    }

    /** A successful call: its latency and count. */
    @Benchmark
    public long servedWithMetrics() {
        long arrived = System.nanoTime();
        read.served(System.nanoTime() - arrived, null);
        return arrived;
    }

    /** The same two clock reads alone, for comparison. */
    @Benchmark
    public long clockReadsOnly() {
        long arrived = System.nanoTime();
        return System.nanoTime() - arrived;
    }
}
