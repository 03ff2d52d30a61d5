package org.pmnfs.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmnfs.vfs.FileType;

class InodeTableTest {

    @TempDir
    Path tmp;
    private RocksKvStore store;
    private InodeTable table;

    @BeforeEach
    void open() throws IOException {
        store = RocksKvStore.open(tmp.resolve("db"), RocksKvStore.Mode.CREATE);
        table = new InodeTable(store, 10, new AtomicLong());
        for (long ino = 1; ino <= 100; ino++) {
            store.put(KeyCodec.inode(ino), InodeRecord.create(FileType.REGULAR, 0644, 0, 0, 1, ino, ino, 0, 0).encode(), false);
        }
    }

    @AfterEach
    void close() throws IOException {
        store.close();
    }

    @Test
    void pinningTheSameNumberGivesTheSameObjectWhileHeld() {
        Inode a = table.pin(7);
        Inode b = table.pin(7);
        assertSame(a, b);
        assertEquals(2, a.pins.get());
        table.unpin(a);
        table.unpin(b);
    }

    @Test
    void releasedCleanInodesAreEvictedDownToTheCapacity() throws IOException {
        for (long ino = 1; ino <= 100; ino++) {
            Inode n = table.pin(ino);
            table.record(n);
            table.unpin(n);
        }
        assertTrue(table.size() <= 10 + 4, "table holds " + table.size() + " inodes, capacity 10");
        Inode again = table.pin(1);
        assertEquals(1, table.record(again).generation(), "an evicted inode reloads from the store");
        table.unpin(again);
    }

    @Test
    void pinnedAndDirtyInodesAreNeverEvicted() throws IOException {
        Inode held = table.pin(1);
        Inode dirty = table.pin(2);
        dirty.lock.writeLock().lock();
        dirty.recordDirty = true;
        dirty.lock.writeLock().unlock();
        table.unpin(dirty);
        for (long ino = 3; ino <= 100; ino++) {
            table.unpin(table.pin(ino));
        }
        assertSame(held, table.pin(1));
        assertSame(dirty, table.pin(2), "a dirty inode keeps its one object");
        table.unpin(held);
        table.unpin(held);
    }

    @Test
    void aRemovedInodeLeavesTheTableWithItsLastPin() throws IOException {
        Inode n = table.pin(5);
        table.record(n);
        n.lock.writeLock().lock();
        n.setRecord(Inode.DELETED);
        n.lock.writeLock().unlock();
        table.unpin(n);
        store.delete(KeyCodec.inode(5), false);
        Inode fresh = table.pin(5);
        assertNotSame(n, fresh);
        assertNull(table.record(fresh), "the store no longer has inode 5");
        table.unpin(fresh);
    }
}
