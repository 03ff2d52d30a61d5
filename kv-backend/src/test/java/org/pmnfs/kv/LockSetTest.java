package org.pmnfs.kv;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockSetTest {

    @TempDir
    Path tmp;
    private RocksKvStore store;
    private InodeTable table;

    @BeforeEach
    void open() throws IOException {
        store = RocksKvStore.open(tmp.resolve("db"), RocksKvStore.Mode.CREATE);
        table = new InodeTable(store, 100, new AtomicLong());
    }

    @AfterEach
    void close() throws IOException {
        store.close();
    }

    @Test
    void extendLocksAnInodeAboveEveryHeldOne() throws IOException {
        try (LockSet set = LockSet.lock(table, 5)) {
            assertTrue(set.extend(9));
            Inode n = set.get(9);
            assertTrue(n.lock.isWriteLockedByCurrentThread());
            assertSame(n, table.pin(9), "the extended inode stays pinned");
            table.unpin(n);
        }
        Inode n = table.pin(9);
        assertFalse(n.lock.isWriteLocked(), "closing the set unlocks the extended inode");
        table.unpin(n);
    }

    @Test
    void extendRefusesAnInodeBelowAHeldOneAndLocksNothing() throws IOException {
        try (LockSet set = LockSet.lock(table, 5)) {
            assertFalse(set.extend(3), "locking 3 after 5 would break the ascending order");
            Inode n = table.pin(3);
            assertFalse(n.lock.isWriteLocked());
            table.unpin(n);
        }
    }

    @Test
    void extendByAHeldInodeIsANoOpAndASecondExtendHasNoRoom() throws IOException {
        try (LockSet set = LockSet.lock(table, 5)) {
            assertTrue(set.extend(5));
            assertTrue(set.extend(7));
            assertFalse(set.extend(8), "a set grows by one inode at most");
        }
    }
}
