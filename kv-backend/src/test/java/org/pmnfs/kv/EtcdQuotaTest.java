package org.pmnfs.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmnfs.vfs.FsStat;
import org.pmnfs.vfs.NfsIoException;

/**
 * FSSTAT's capacity on etcd is the cluster's storage quota, read from the members' /metrics: a
 * real cluster started with {@code --quota-backend-bytes} 3 GiB (not etcd's default) reports
 * exactly that, and so do the engine's metrics. Where no member reports a quota, {@code
 * --etcd-quota} is used, and without it the store refuses to open with a message naming the flag.
 */
class EtcdQuotaTest {

    @Test
    void fsstatReportsTheQuotaTheClusterWasStartedWith() throws IOException {
        EtcdCluster cluster = EtcdCluster.shared();
        try (KvBackend fs = KvBackend.open(KvConfig.defaults(cluster.settings("quota")))) {
            FsStat st = fs.fsstat(fs.root());
            assertEquals(EtcdCluster.QUOTA_BYTES, st.totalBytes(), "FSSTAT's total is the members' --quota-backend-bytes");
            assertTrue(st.freeBytes() < st.totalBytes() && st.freeBytes() > 0, "the database's size is used: " + st);
            assertEquals(EtcdCluster.QUOTA_BYTES, KvMetricsTest.value(fs, "kv_etcd_quota_bytes"));
            assertTrue(KvMetricsTest.value(fs, "kv_etcd_db_bytes") > 0);
            long inUse = KvMetricsTest.value(fs, "kv_etcd_db_in_use_bytes");
            assertTrue(inUse > 0 && inUse <= KvMetricsTest.value(fs, "kv_etcd_db_bytes"));
            assertTrue(fs.metrics().stream().noneMatch(m -> m.name().equals("kv_compaction_backlog_bytes")),
                    "RocksDB's compaction backlog is not claimed for etcd");
        }
    }

    @Test
    void withoutAReportedQuotaTheFlagIsUsedAndWithoutTheFlagOpeningFails() throws IOException {
        // An endpoint that speaks HTTP but is no etcd member: its /metrics has no quota.
        HttpServer fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fake.createContext("/metrics", x -> {
            byte[] body = "# some other program\nprocess_open_fds 12\n".getBytes(StandardCharsets.US_ASCII);
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        fake.start();
        try {
            List<URI> endpoints = List.of(URI.create("http://127.0.0.1:" + fake.getAddress().getPort()));
            EtcdSettings none = new EtcdSettings(endpoints, "q", Duration.ofSeconds(2), 0);
            try (EtcdKvStore s = EtcdKvStore.connect(none)) {
                NfsIoException e = assertThrows(NfsIoException.class, () -> s.learnQuota(0));
                assertTrue(e.getMessage().contains("--etcd-quota SIZE") && e.getMessage().contains(EtcdMemberMetrics.QUOTA),
                        e.getMessage());
            }
            try (EtcdKvStore s = EtcdKvStore.connect(none.withQuotaBytes(5L << 30))) {
                s.learnQuota(0);
                assertEquals(5L << 30, s.capacityBytes());
            }
        } finally {
            fake.stop(0);
        }
    }

    @Test
    void readsTheUnlabelledSampleOfPrometheusText() {
        String text = "# HELP etcd_server_quota_backend_bytes Current backend storage quota size in bytes.\n"
                + "# TYPE etcd_server_quota_backend_bytes gauge\n"
                + "etcd_server_quota_backend_bytes_other 7\n"
                + "etcd_server_quota_backend_bytes 3.221225472e+09\n"
                + "etcd_mvcc_db_total_size_in_bytes 40960 1700000000000\n";
        assertEquals(3221225472L, EtcdMemberMetrics.value(text, EtcdMemberMetrics.QUOTA));
        assertEquals(40960, EtcdMemberMetrics.value(text, EtcdMemberMetrics.DB_SIZE));
        assertEquals(-1, EtcdMemberMetrics.value(text, EtcdMemberMetrics.DB_IN_USE));
        assertEquals(-1, EtcdMemberMetrics.value("etcd_server_quota_backend_bytes NaN\n", EtcdMemberMetrics.QUOTA));
    }
}
