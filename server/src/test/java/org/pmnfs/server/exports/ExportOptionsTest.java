package org.pmnfs.server.exports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.pmnfs.vfs.Credentials;

class ExportOptionsTest {

    private static ExportOptions with(Squash squash) {
        return new ExportOptions(false, squash, 99, 98, true);
    }

    @Test
    void rootSquashMapsOnlyRoot() {
        Credentials root = with(Squash.ROOT).credentialsFor(0, 0, new int[] {0, 5});
        assertEquals(99, root.uid());
        assertEquals(98, root.gid());
        assertArrayEquals(new int[] {98, 5}, root.groups());
        Credentials user = with(Squash.ROOT).credentialsFor(1000, 1000, new int[] {27});
        assertEquals(1000, user.uid());
        assertArrayEquals(new int[] {27}, user.groups());
    }

    @Test
    void allSquashMapsEveryone() {
        Credentials c = with(Squash.ALL).credentialsFor(1000, 1000, new int[] {27});
        assertEquals(99, c.uid());
        assertEquals(98, c.gid());
        assertEquals(0, c.groups().length);
    }

    @Test
    void noRootSquashTrustsRoot() {
        assertTrue(with(Squash.NONE).credentialsFor(0, 0, new int[0]).isRoot());
    }

    @Test
    void secureNeedsPrivilegedPort() {
        assertTrue(with(Squash.NONE).permitsPort(1023));
        assertFalse(with(Squash.NONE).permitsPort(1024));
        assertTrue(new ExportOptions(false, Squash.NONE, 1, 1, false).permitsPort(40000));
    }

    @Test
    void builtInDefaultIsLoopbackReadWrite() throws Exception {
        Export root = ExportTable.DEFAULT.byPath("/").orElseThrow();
        ExportOptions o = root.optionsFor(InetAddress.getByName("127.0.0.1")).orElseThrow();
        assertFalse(o.readOnly());
        assertFalse(o.secure());
        assertEquals(Squash.NONE, o.squash());
        assertTrue(root.optionsFor(InetAddress.getByName("10.0.0.1")).isEmpty());
        assertEquals(root, ExportTable.DEFAULT.byId(root.id()).orElseThrow(), "export ids are stable and findable");
    }
}
