package org.pmnfs.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.HandleCodec;
import org.pmnfs.vfs.NfsException;
import org.pmnfs.vfs.SetAttributes;

/** Entries and permanent cookies of {@link MemoryDirectory}. */
class MemoryDirectoryTest {

    private final InodeTable table = new InodeTable(new HandleCodec(HandleCodec.KIND_MEMORY, 1));
    private final MemoryDirectory dir = new MemoryDirectory(table.allocate(), SetAttributes.NONE, 5, null, 77);
    private final MemoryFile child = new MemoryFile(table.allocate(), SetAttributes.NONE, 5, 4096, false, 0);

    private static FileName n(String s) throws NfsException {
        return FileName.of(s);
    }

    private List<Long> cookiesAfter(long cookie) {
        return dir.after(cookie).stream().map(MemoryDirectory.Entry::cookie).toList();
    }

    @Test
    void aNewDirectoryIsItsOwnParentWhenItHasNone() {
        assertSame(dir, dir.parent());
        assertEquals(2, dir.nlink());
        assertEquals(0755, dir.publish().mode());
        assertEquals(77, dir.cookieVerifier());
    }

    @Test
    void cookiesStartAfterDotAndDotDotAndAreNeverReused() throws Exception {
        assertEquals(3, dir.add(n("a"), child).cookie());
        assertEquals(4, dir.add(n("b"), child).cookie());
        dir.remove(n("b"));
        assertEquals(5, dir.add(n("b"), child).cookie(), "a re-added name gets a new cookie");
        assertEquals(List.of(3L, 5L), cookiesAfter(2));
    }

    @Test
    void aRemovedEntrysCookieStillPositionsTheListing() throws Exception {
        for (String s : new String[] {"a", "b", "c", "d"}) {
            dir.add(n(s), child);
        }
        dir.remove(n("b"));
        assertEquals(List.of(5L, 6L), cookiesAfter(4), "resuming after removed 'b' (cookie 4) continues with 'c'");
        assertTrue(dir.issued(4));
        assertTrue(dir.issued(0));
        assertFalse(dir.issued(7));
    }

    @Test
    void lookupAddRemoveAndEmptiness() throws Exception {
        assertTrue(dir.isEmpty());
        dir.add(n("x"), child);
        assertSame(child, dir.get(n("x")).inode());
        assertNull(dir.get(n("y")));
        assertThrows(IllegalStateException.class, () -> dir.add(n("x"), child));
        assertEquals(1, dir.entryCount());
        assertEquals(3 * MemoryDirectory.SIZE_PER_ENTRY, dir.size());
        dir.remove(n("x"));
        assertTrue(dir.isEmpty());
        assertThrows(IllegalStateException.class, () -> dir.remove(n("x")));
    }
}
