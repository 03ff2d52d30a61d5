package org.pmnfs.kv;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;
import org.pmnfs.vfs.BackendMetric;
import org.pmnfs.vfs.NfsIoException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An etcd cluster's storage quota (FSSTAT's capacity) and database sizes, read from the members'
 * /metrics at open and every {@link #REFRESH_SECONDS} seconds after; {@code --etcd-quota} stands in
 * only where no member reports a quota.
 */
final class EtcdQuota {

    private static final Logger LOG = LoggerFactory.getLogger(EtcdQuota.class);

    /** Seconds between reads of the members' /metrics. */
    private static final long REFRESH_SECONDS = 30;

    private final EtcdSettings settings;
    private final EtcdMemberMetrics members;
    /** The latest read of the members' /metrics that found a quota; null until one did. */
    private volatile EtcdMemberMetrics.Sample sample;

    EtcdQuota(EtcdSettings settings, EtcdMemberMetrics members) {
        this.settings = settings;
        this.members = members;
    }

    /**
     * Learns the quota, asking again for up to {@code waitMillis}. When no member reports it,
     * {@link EtcdSettings#quotaBytes} is used if given (a WARN says so); without that the store
     * cannot open: pmnfs must not make up a capacity.
     */
    void learn(long waitMillis) throws NfsIoException {
        long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        EtcdMemberMetrics.Sample s = members.read();
        while (s.quotaBytes() == 0 && EtcdKvStore.remainingMillis(deadline) > 0) {
            try {
                Thread.sleep(Math.min(1000, Math.max(1, EtcdKvStore.remainingMillis(deadline))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            s = members.read();
        }
        if (s.quotaBytes() > 0) {
            sample = s;
            if (settings.quotaBytes() > 0 && settings.quotaBytes() != s.quotaBytes()) {
                LOG.warn("the etcd cluster reports a storage quota of {} bytes; that is used, not --etcd-quota {}",
                        s.quotaBytes(), settings.quotaBytes());
            }
        } else if (settings.quotaBytes() > 0) {
            LOG.warn("no etcd member reported its storage quota ({}); FSSTAT reports --etcd-quota {} bytes", s.failure(),
                    settings.quotaBytes());
        } else {
            throw new NfsIoException("cannot learn the storage quota of " + settings.describe() + ": no member reported "
                    + EtcdMemberMetrics.QUOTA + " at /metrics (" + s.failure() + "); give the members' --quota-backend-bytes"
                    + " with --etcd-quota SIZE");
        }
    }

    /** Reads the members' /metrics again every {@link #REFRESH_SECONDS} seconds on {@code maintenance}. */
    void refreshEvery(ScheduledExecutorService maintenance) {
        maintenance.scheduleWithFixedDelay(this::refresh, REFRESH_SECONDS, REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    /** Keeps the quota and sizes current (a member restarted with another quota); a failed read keeps the last. */
    private void refresh() {
        EtcdMemberMetrics.Sample s = members.read();
        if (s.quotaBytes() > 0) {
            sample = s;
        } else {
            LOG.debug("etcd /metrics not read this time: {}", s.failure());
        }
    }

    /** The quota the cluster reported (the smallest of its members'), else {@code --etcd-quota}. */
    long capacityBytes() {
        EtcdMemberMetrics.Sample s = sample;
        return s != null ? s.quotaBytes() : settings.quotaBytes();
    }

    /** The quota ({@code capacity}) and what the members' /metrics said at the last read; -1 until a read found them. */
    List<BackendMetric> metrics(LongSupplier capacity) {
        return List.of(
                BackendMetric.gauge("kv_etcd_quota_bytes", "etcd engine: the cluster's storage quota (the "
                        + "smallest --quota-backend-bytes of the members), FSSTAT's capacity.", capacity),
                BackendMetric.gauge("kv_etcd_db_bytes", "etcd engine: the largest member database; at the "
                        + "quota etcd refuses writes (NOSPACE alarm); -1 until read.", () -> sampled(EtcdMemberMetrics.Sample::dbBytes)),
                BackendMetric.gauge("kv_etcd_db_in_use_bytes", "etcd engine: the part of that database in "
                        + "use; the rest returns only with etcdctl defrag; -1 until read.",
                        () -> sampled(EtcdMemberMetrics.Sample::dbInUseBytes)));
    }

    private long sampled(ToLongFunction<EtcdMemberMetrics.Sample> field) {
        EtcdMemberMetrics.Sample s = sample;
        return s == null ? -1 : field.applyAsLong(s);
    }
}
