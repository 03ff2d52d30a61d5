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

    private LockSet(InodeTable table, int capacity) {
        this.table = table;
        this.locked = new Inode[capacity];
    }

    /**
     * Pins and write-locks the given inodes (0 entries are ignored, duplicates locked once), and
     * on a shared store brings each up to the stored record once it is locked.
     */
    static LockSet lock(InodeTable table, long... inos) throws IOException {
        long[] sorted = Arrays.stream(inos).filter(i -> i != 0).sorted().distinct().toArray();
        // One spare slot: a set may grow by one inode above all it holds (extend).
        LockSet set = new LockSet(table, sorted.length + 1);
        boolean ok = false;
        try {
            for (long ino : sorted) {
                set.add(ino);
            }
            ok = true;
            return set;
        } finally {
            if (!ok) {
                set.close();
            }
        }
    }

    /**
     * Also locks {@code ino} when that keeps the ascending order (it is above every inode held)
     * and the set has room; returns false, locking nothing, otherwise (the caller then unlocks
     * and locks the whole set anew). An inode already held counts as locked.
     */
    boolean extend(long ino) throws IOException {
        for (int i = 0; i < held; i++) {
            if (locked[i].ino == ino) {
                return true;
            }
        }
        if (held == locked.length || (held > 0 && locked[held - 1].ino > ino)) {
            return false;
        }
        add(ino);
        return true;
    }

    private void add(long ino) throws IOException {
        Inode n = table.pin(ino);
        locked[held] = n;
        n.lock.writeLock().lock();
        held++;
        table.refresh(n);
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
