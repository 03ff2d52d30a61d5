package org.pmnfs.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.pmnfs.vfs.BadHandleException;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.HandleCodec;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.StaleException;

/** Numbering, reuse with a new generation, and handle resolution of {@link InodeTable}. */
class InodeTableTest {

    private final InodeTable table = new InodeTable(new HandleCodec(HandleCodec.KIND_MEMORY, 42));

    private MemoryFile newFile() {
        MemoryFile f = new MemoryFile(table.allocate(), SetAttributes.NONE, 1, 4096, false, 0);
        f.publish();
        table.register(f);
        return f;
    }

    @Test
    void numbersStartAtTheRootAndHandlesResolve() throws Exception {
        MemoryFile first = newFile();
        assertEquals(InodeTable.ROOT_INO, first.ino());
        assertEquals(InodeTable.FIRST_GENERATION, first.id.generation());
        MemoryFile second = newFile();
        assertEquals(2, second.ino());
        assertSame(second, table.resolve(second.handle()));
        assertEquals(2, table.liveCount());
        assertEquals(42, first.id.fsid());
    }

    @Test
    void aFreedNumberComesBackWithTheNextGeneration() throws Exception {
        newFile();
        MemoryFile old = newFile();
        FileHandle oldHandle = old.handle();
        table.release(old);
        assertThrows(StaleException.class, () -> table.resolve(oldHandle));
        MemoryFile reused = newFile();
        assertEquals(old.ino(), reused.ino());
        assertEquals(old.id.generation() + 1, reused.id.generation());
        assertNotEquals(oldHandle, reused.handle());
        StaleException e = assertThrows(StaleException.class, () -> table.resolve(oldHandle));
        assertEquals(true, e.getMessage().contains("generation"), e.getMessage());
        assertSame(reused, table.resolve(reused.handle()));
    }

    @Test
    void releasingTwiceQueuesTheNumberOnce() {
        MemoryFile f = newFile();
        table.release(f);
        table.release(f);
        assertEquals(f.ino(), newFile().ino());
        assertEquals(f.ino() + 1, newFile().ino());
    }

    @Test
    void foreignAndMalformedHandles() {
        newFile();
        FileHandle foreign = new HandleCodec(HandleCodec.KIND_MEMORY, 43).encode(1, 1);
        assertThrows(StaleException.class, () -> table.resolve(foreign));
        assertThrows(BadHandleException.class, () -> table.resolve(new FileHandle(new byte[] {1})));
        FileHandle unknown = new HandleCodec(HandleCodec.KIND_MEMORY, 42).encode(99, 1);
        assertThrows(StaleException.class, () -> table.resolve(unknown));
    }

    @Test
    void registeringALiveNumberTwiceIsABug() {
        MemoryFile f = newFile();
        assertThrows(IllegalStateException.class, () -> table.register(f));
    }
}
