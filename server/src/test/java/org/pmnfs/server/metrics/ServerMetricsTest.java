package org.pmnfs.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmnfs.pmem.PmemBackend;
import org.pmnfs.pmem.PmemConfig;
import org.pmnfs.server.ServerConfig;
import org.pmnfs.server.mount.mountres3;
import org.pmnfs.server.nfs.xdr.LOOKUP3res;
import org.pmnfs.server.testing.MetricsScrape;
import org.pmnfs.server.testing.NfsTestClient;
import org.pmnfs.server.testing.TestServer;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.StableHow;

/** /metrics over HTTP after a known sequence of calls over the wire: every count is the one the client caused. */
class ServerMetricsTest {

    @TempDir
    Path tmp;

    private static ServerConfig withMetrics() {
        return ServerConfig.defaults().withListen(new InetSocketAddress(TestServer.LOOPBACK, 0))
                .withMetricsListen(new InetSocketAddress(TestServer.LOOPBACK, 0));
    }

    @Test
    void callsErrorsLatencyBytesAndConnectionsCountWhatTheClientDid() throws Exception {
        try (TestServer server = TestServer.start(withMetrics(), TestServer.memory());
             NfsTestClient client = server.client()) {
            byte[] root = client.mount("/");
            byte[] file = client.createFile(root, "f");
            byte[] block = new byte[4096];
            for (int i = 0; i < 3; i++) {
                client.write(file, i * 4096L, block, StableHow.UNSTABLE);
            }
            client.read(file, 0, 4096);
            client.read(file, 4096, 4096);
            for (int i = 0; i < 2; i++) {
                LOOKUP3res missing = client.lookup(root, "missing");
                assertEquals(NfsStatus.NOENT, missing.status);
            }
            for (int i = 0; i < 5; i++) {
                client.getattr(file);
            }
            assertEquals(mountres3.MNT3ERR_NOENT, client.mnt("/missing").fhs_status);

            MetricsScrape m = MetricsScrape.of(server.server().metricsAddress().orElseThrow());
            assertEquals(2, m.require("pmnfs_calls_total", "program", "MOUNT3", "procedure", "MNT"));
            assertEquals(1, m.require("pmnfs_call_errors_total", "program", "MOUNT3", "procedure", "MNT", "status", "NOENT"));
            assertEquals(1, m.require("pmnfs_calls_total", "program", "NFS3", "procedure", "CREATE"));
            assertEquals(3, m.require("pmnfs_calls_total", "program", "NFS3", "procedure", "WRITE"));
            assertEquals(2, m.require("pmnfs_calls_total", "program", "NFS3", "procedure", "READ"));
            assertEquals(5, m.require("pmnfs_calls_total", "program", "NFS3", "procedure", "GETATTR"));
            assertEquals(2, m.require("pmnfs_calls_total", "program", "NFS3", "procedure", "LOOKUP"));
            assertEquals(2, m.require("pmnfs_call_errors_total", "program", "NFS3", "procedure", "LOOKUP", "status", "NOENT"));
            assertNull(m.value("pmnfs_call_errors_total", "program", "NFS3", "procedure", "GETATTR", "status", "NOENT"));
            // Procedures never called are there from the start, at zero.
            assertEquals(0, m.require("pmnfs_calls_total", "program", "NFS3", "procedure", "RENAME"));

            assertEquals(3, m.require("pmnfs_call_duration_seconds_count", "program", "NFS3", "procedure", "WRITE"));
            assertEquals(3, m.require("pmnfs_call_duration_seconds_bucket", "program", "NFS3", "procedure", "WRITE", "le", "+Inf"));
            double sum = m.require("pmnfs_call_duration_seconds_sum", "program", "NFS3", "procedure", "WRITE");
            assertTrue(sum > 0 && sum < 60, "latency sum " + sum + " s");

            assertEquals(3 * 4096, m.require("pmnfs_written_bytes_total"));
            assertEquals(2 * 4096, m.require("pmnfs_read_bytes_total"));
            assertEquals(1, m.require("pmnfs_connections_open", "listener", "nfs"));
            assertEquals(1, m.require("pmnfs_connections_accepted_total", "listener", "nfs"));
            assertEquals(0, m.require("pmnfs_connections_refused_total", "listener", "nfs"));
        }
    }

    @Test
    void theBackendsOwnNumbersFollowWhatTheCallsDid() throws Exception {
        PmemBackend pmem = PmemBackend.open(PmemConfig.of(tmp.resolve("pool")).withCreateIfMissing(64L << 20));
        try (TestServer server = TestServer.start(withMetrics(), pmem); NfsTestClient client = server.client()) {
            InetSocketAddress at = server.server().metricsAddress().orElseThrow();
            MetricsScrape before = MetricsScrape.of(at);
            byte[] root = client.mount("/");
            byte[] file = client.createFile(root, "f");
            client.write(file, 0, new byte[1 << 20], StableHow.FILE_SYNC);
            MetricsScrape after = MetricsScrape.of(at);

            double blocks = after.require("pmnfs_pmem_blocks_used") - before.require("pmnfs_pmem_blocks_used");
            assertTrue(blocks >= 256, "1 MiB written, but only " + blocks + " more blocks in use");
            assertEquals(before.require("pmnfs_pmem_blocks_free") - blocks, after.require("pmnfs_pmem_blocks_free"));
            assertEquals(before.require("pmnfs_pmem_inodes_used") + 1, after.require("pmnfs_pmem_inodes_used"));
            assertTrue(after.require("pmnfs_pmem_journal_commits_total") > before.require("pmnfs_pmem_journal_commits_total"));
            assertTrue(after.require("pmnfs_pmem_persists_total") > before.require("pmnfs_pmem_persists_total"));
            assertTrue(after.require("pmnfs_pmem_inodes_free") > 0);
        }
    }

    @Test
    void withoutMetricsListenThereIsNoEndpoint() throws Exception {
        try (TestServer server = TestServer.start()) {
            assertTrue(server.server().metricsAddress().isEmpty());
        }
    }
}
