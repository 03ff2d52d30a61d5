package org.pmnfs.server.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.concurrent.ConcurrentHashMap;
import org.pmnfs.server.rpc.CallObserver;

/**
 * The per-procedure call metrics, fed by the RPC dispatcher: calls, failures by status and a
 * latency histogram, plus reply-cache hits and calls that reached no procedure. Each procedure's
 * label children are resolved once ({@link #procedure}), so observing a call bumps two counters
 * and one histogram bucket and allocates nothing; a failure looks its status up in a small map of
 * that procedure.
 */
final class CallMetrics implements CallObserver {

    /**
     * Latency bucket bounds in seconds: a 4 KiB call on a memory backend takes tens of
     * microseconds, a 1 MiB WRITE or a COMMIT to a slow disk tens of milliseconds or more.
     */
    static final double[] LATENCY_BOUNDS = {
        25e-6, 50e-6, 100e-6, 250e-6, 500e-6, 1e-3, 2.5e-3, 5e-3, 10e-3, 25e-3, 50e-3, 100e-3, 250e-3, 500e-3, 1, 2.5, 10,
    };

    private static final double NANOS_PER_SECOND = 1e9;

    private final Counter calls;
    private final Counter errors;
    private final Histogram latency;
    private final CounterDataPoint replyCacheHits;
    private final Counter unserved;
    private final ConcurrentHashMap<String, CounterDataPoint> unservedByReason = new ConcurrentHashMap<>();

    CallMetrics(PrometheusRegistry registry) {
        calls = Counter.builder().name("pmnfs_calls_total")
                .help("RPC calls served, by program and procedure (a retransmission answered from the reply cache "
                        + "is counted in pmnfs_reply_cache_hits_total instead).")
                .labelNames("program", "procedure").withoutExemplars().register(registry);
        errors = Counter.builder().name("pmnfs_call_errors_total")
                .help("Calls that failed, by program, procedure and status (NFS3ERR_x and MNT3ERR_x without the "
                        + "prefix, or GARBAGE_ARGS / SYSTEM_ERR).")
                .labelNames("program", "procedure", "status").withoutExemplars().register(registry);
        latency = Histogram.builder().name("pmnfs_call_duration_seconds").unit(Unit.SECONDS)
                .help("Time from a call's arrival (its whole record read) to its reply handed to the transport.")
                .labelNames("program", "procedure").classicOnly().classicUpperBounds(LATENCY_BOUNDS)
                .withoutExemplars().register(registry);
        replyCacheHits = Counter.builder().name("pmnfs_reply_cache_hits_total")
                .help("Retransmitted non-idempotent calls answered with the first call's reply instead of running again.")
                .withoutExemplars().register(registry).labelValues();
        unserved = Counter.builder().name("pmnfs_unserved_calls_total")
                .help("Calls that reached no procedure, by reason (PROG_UNAVAIL, PROG_MISMATCH, PROC_UNAVAIL, "
                        + "RPC_MISMATCH, AUTH_ERROR, GARBAGE_ARGS).")
                .labelNames("reason").withoutExemplars().register(registry);
    }

    @Override
    public ProcedureObserver procedure(String program, String procedure) {
        return new Procedure(program, procedure);
    }

    @Override
    public void replyCacheHit() {
        replyCacheHits.inc();
    }

    @Override
    public void unserved(String reason) {
        unservedByReason.computeIfAbsent(reason, r -> unserved.labelValues(r)).inc();
    }

    /** One procedure's label children. */
    private final class Procedure implements ProcedureObserver {
        private final String program;
        private final String procedure;
        private final CounterDataPoint calls;
        private final DistributionDataPoint latency;
        /** By status; filled on a status's first failure. */
        private final ConcurrentHashMap<String, CounterDataPoint> errors = new ConcurrentHashMap<>();

        Procedure(String program, String procedure) {
            this.program = program;
            this.procedure = procedure;
            this.calls = CallMetrics.this.calls.labelValues(program, procedure);
            this.latency = CallMetrics.this.latency.labelValues(program, procedure);
        }

        @Override
        public void served(long nanos, String failure) {
            calls.inc();
            latency.observe(nanos / NANOS_PER_SECOND);
            if (failure != null) {
                CounterDataPoint e = errors.get(failure);
                if (e == null) {
                    e = errors.computeIfAbsent(failure, s -> CallMetrics.this.errors.labelValues(program, procedure, s));
                }
                e.inc();
            }
        }
    }
}
