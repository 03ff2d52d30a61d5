package org.pmnfs.kv;

import java.io.IOException;
import java.util.Arrays;

/**
 * Several inodes pinned and write-locked for one namespace operation, always in ascending inode
 * order, so two operations can never wait on each other in a cycle. Callers look entries up
 * first, lock, then check that what they looked up is still true (and retry if not).
 */
final class LockSet implements AutoCloseable {

    private final InodeTable table;
    private final Inode[] locked;
    private int held;

    private LockSet(InodeTable table, int n) {
        this.table = table;
        this.locked = new Inode[n];
    }

    /**
     * Pins and write-locks the given inodes (0 entries are ignored, duplicates locked once), and
     * on a shared store brings each up to the stored record once it is locked.
     */
    static LockSet lock(InodeTable table, long... inos) throws IOException {
        long[] sorted = Arrays.stream(inos).filter(i -> i != 0).sorted().distinct().toArray();
        LockSet set = new LockSet(table, sorted.length);
        boolean ok = false;
        try {
            for (long ino : sorted) {
                Inode n = table.pin(ino);
                set.locked[set.held] = n;
                n.lock.writeLock().lock();
                set.held++;
                table.refresh(n);
            }
            ok = true;
            return set;
        } finally {
            if (!ok) {
                set.close();
            }
        }
    }

    /** The locked inode {@code ino}; it must be one of those locked. */
    Inode get(long ino) {
        for (int i = 0; i < held; i++) {
            if (locked[i].ino == ino) {
                return locked[i];
            }
        }
        throw new IllegalArgumentException("inode " + ino + " is not in this lock set");
    }

    @Override
    public void close() {
        for (int i = locked.length - 1; i >= 0; i--) {
            Inode n = locked[i];
            if (n == null) {
                continue;
            }
            if (i < held) {
                n.lock.writeLock().unlock();
            }
            table.unpin(n);
            locked[i] = null;
        }
        held = 0;
    }
}
