package org.pmnfs.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmnfs.server.mount.mountres3;
import org.pmnfs.server.testing.NfsTestClient;
import org.pmnfs.server.testing.ServerProcess;
import org.pmnfs.vfs.NfsStatus;

/**
 * SIGHUP to a real pmnfs process re-reads its exports file while two clients (127.0.0.1 and
 * 127.0.0.2) stay connected: the one that loses access gets ACCES on its next call over the same
 * connection, the other gains access, handles stay valid, and a bad file changes nothing.
 */
class ExportsReloadTest {

    private static final long RELOAD_TIMEOUT_MILLIS = 30_000;

    @TempDir
    Path tmp;

    @Test
    void aReloadMovesAccessBetweenConnectedClientsAndABadFileKeepsTheExportsInForce() throws Exception {
        Path exports = tmp.resolve("exports");
        Files.writeString(exports, "/ 127.0.0.1(rw,insecure,no_root_squash)\n");
        try (ServerProcess server = ServerProcess.start(tmp.resolve("server.log"),
                List.of("--backend", "memory", "--exports", exports.toString()))) {
            InetSocketAddress at = server.address();
            try (NfsTestClient one = new NfsTestClient(at, new InetSocketAddress("127.0.0.1", 0));
                 NfsTestClient two = new NfsTestClient(at, new InetSocketAddress("127.0.0.2", 0))) {
                byte[] root = one.mount("/");
                assertEquals(NfsStatus.OK, one.getattr(root).status);
                assertEquals(mountres3.MNT3ERR_ACCES, two.mnt("/").fhs_status);
                assertEquals(NfsStatus.ACCES, two.getattr(root).status);

                Files.writeString(exports, "# only the second client now\n/ 127.0.0.2(rw,insecure,no_root_squash)\n");
                server.hangUp();
                awaitMount(two, server);
                assertEquals(NfsStatus.ACCES, one.getattr(root).status, "the client that lost access, same connection");
                assertEquals(mountres3.MNT3ERR_ACCES, one.mnt("/").fhs_status);
                assertArrayEquals(root, two.mount("/"), "the export's handles stay the same");
                assertEquals(NfsStatus.OK, two.getattr(root).status);

                Files.writeString(exports, "/ 127.0.0.1(rw,insecure)\n/data 127.0.0.2(rw,frobnicate)\n");
                server.hangUp();
                String log = server.awaitLog(exports + ":2:", 1, RELOAD_TIMEOUT_MILLIS);
                assertTrue(log.contains("previous exports stay in force") && log.contains("frobnicate"), log);
                assertEquals(NfsStatus.OK, two.getattr(root).status, "the exports in force did not change");
                assertEquals(NfsStatus.ACCES, one.getattr(root).status);
            }
            assertTrue(server.log().lines().noneMatch(l -> l.contains("shutting down")), "SIGHUP must not stop the server");
        }
    }

    /** MNT from {@code client} until the reload lets it in (bounded). */
    private static void awaitMount(NfsTestClient client, ServerProcess server) throws Exception {
        long deadline = System.currentTimeMillis() + RELOAD_TIMEOUT_MILLIS;
        while (client.mnt("/").fhs_status != mountres3.MNT3_OK) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the reload did not let 127.0.0.2 mount within " + RELOAD_TIMEOUT_MILLIS + " ms; the server's log:\n" + server.log());
            }
            Thread.sleep(100);
        }
    }
}
