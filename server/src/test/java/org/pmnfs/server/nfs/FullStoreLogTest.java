package org.pmnfs.server.nfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmnfs.server.ServerConfig;
import org.pmnfs.memory.MemoryBackend;
import org.pmnfs.memory.MemoryBackendConfig;
import org.pmnfs.server.testing.LogCapture;
import org.pmnfs.server.testing.NfsTestClient;
import org.pmnfs.server.testing.TestServer;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.StableHow;

/** A client that keeps writing to a full store gets NOSPC every time, but the log hears of it once a second. */
class FullStoreLogTest {

    private static final int CAPACITY = 1 << 20;
    private static final int WRITES_WHEN_FULL = 200;

    @Test
    void noSpaceIsAnsweredEveryTimeButLoggedAtMostOnceASecond() throws IOException {
        MemoryBackend backend = new MemoryBackend(MemoryBackendConfig.defaults().withCapacityBytes(CAPACITY));
        ServerConfig config = ServerConfig.defaults().withListen(new InetSocketAddress(TestServer.LOOPBACK, 0));
        try (TestServer server = TestServer.start(config, backend);
             NfsTestClient client = server.client();
             LogCapture log = new LogCapture()) {
            byte[] root = client.mount("/");
            byte[] file = client.createFile(root, "big");
            assertEquals(NfsStatus.OK, client.write(file, 0, new byte[CAPACITY / 2], StableHow.FILE_SYNC).status);

            long start = System.nanoTime();
            for (int i = 0; i < WRITES_WHEN_FULL; i++) {
                long offset = CAPACITY + (long) i * CAPACITY;
                assertEquals(NfsStatus.NOSPC, client.write(file, offset, new byte[CAPACITY], StableHow.UNSTABLE).status,
                        "write " + i);
            }
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;

            List<String> lines = log.at(Level.WARN).stream().map(e -> e.getFormattedMessage())
                    .filter(m -> m.startsWith("NFS3ERR_NOSPC")).toList();
            assertTrue(!lines.isEmpty(), "a full store is reported");
            assertTrue(lines.size() <= seconds + 2, lines.size() + " lines in " + seconds + " s: " + lines);
        }
    }
}
