package org.pmnfs.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.pmnfs.server.exports.ExportTable;

/** The immutable server configuration and its named defaults. */
class ServerConfigTest {

    @Test
    void defaultsAreLoopbackTwentyFortyNineWithoutPortmap() {
        ServerConfig c = ServerConfig.defaults();
        assertEquals(ServerConfig.DEFAULT_LISTEN, c.listen());
        assertEquals(2049, c.listen().getPort());
        assertEquals(ExportTable.DEFAULT, c.exports());
        assertFalse(c.portmap());
        assertEquals(111, c.portmapPort());
        assertEquals(ServerConfig.DEFAULT_WORKERS, c.workers());
        assertEquals(1 << 20, ServerConfig.TRANSFER_SIZE);
    }

    @Test
    void withersChangeOneThing() {
        ServerConfig c = ServerConfig.defaults().withWorkers(3).withPortmap(true, 0).withShutdownGrace(Duration.ofSeconds(1));
        assertEquals(3, c.workers());
        assertEquals(0, c.portmapPort());
        assertEquals(ServerConfig.DEFAULT_LISTEN, c.listen());
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.defaults().withWorkers(0));
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.defaults().withPortmap(true, 70000));
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.defaults().withShutdownGrace(Duration.ofSeconds(-1)));
    }
}
