package org.pmnfs.server.nfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.pmnfs.vfs.BadHandleException;
import org.pmnfs.vfs.FileHandle;

/** The export id prefix of wire handles. */
class WireHandleTest {

    @Test
    void prefixesTheExportIdBigEndian() throws BadHandleException {
        FileHandle h = new FileHandle(new byte[] {7, 8, 9});
        byte[] wire = WireHandle.encode(0x01020304, h);
        assertArrayEquals(new byte[] {1, 2, 3, 4, 7, 8, 9}, wire);
        assertEquals(0x01020304, WireHandle.exportId(wire));
        assertEquals(h, WireHandle.backendHandle(wire));
        assertEquals(-1, WireHandle.exportId(WireHandle.encode(-1, h)));
    }

    @Test
    void tooShortIsBadHandleAndTooLongIsRefused() {
        assertThrows(BadHandleException.class, () -> WireHandle.exportId(new byte[4]));
        assertThrows(BadHandleException.class, () -> WireHandle.exportId(new byte[0]));
        assertThrows(IllegalStateException.class, () -> WireHandle.encode(1, new FileHandle(new byte[61])));
        assertEquals(64, WireHandle.encode(1, new FileHandle(new byte[60])).length);
    }
}
