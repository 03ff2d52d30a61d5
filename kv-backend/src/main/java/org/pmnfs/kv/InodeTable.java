package org.pmnfs.kv;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The inodes in memory: hands out pinned {@link Inode} objects (one per inode number while pinned
 * or dirty), loads records from the store, and keeps at most about {@code capacity} unpinned clean
 * inodes as an exact attribute cache, evicting the oldest released first.
 */
final class InodeTable {

    private final KvStore store;
    private final int capacity;
    private final ConcurrentHashMap<Long, Inode> inodes = new ConcurrentHashMap<>();
    /** Released inodes in release order, candidates for eviction. */
    private final ConcurrentLinkedQueue<Inode> released = new ConcurrentLinkedQueue<>();
    /** Source of clean-cache epochs; unique for the life of the process. */
    private final AtomicLong epochs;

    InodeTable(KvStore store, int capacity, AtomicLong epochs) {
        this.store = store;
        this.capacity = capacity;
        this.epochs = epochs;
    }

    /** The inode object for {@code ino}, pinned: it stays the one object for that number until {@link #unpin}. */
    Inode pin(long ino) {
        return inodes.compute(ino, (k, v) -> {
            Inode n = v == null ? new Inode(k, epochs.incrementAndGet()) : v;
            n.pins++;
            return n;
        });
    }

    /** Releases a pin; evicts old clean inodes while the table is over capacity. */
    void unpin(Inode inode) {
        inodes.computeIfPresent(inode.ino, (k, v) -> {
            v.pins--;
            if (v.pins == 0 && v.isDeleted()) {
                return null;
            }
            if (v.pins == 0 && !v.evictionQueued) {
                v.evictionQueued = true;
                released.add(v);
            }
            return v;
        });
        int budget = 4;
        while (inodes.size() > capacity && budget-- > 0) {
            Inode old = released.poll();
            if (old == null) {
                return;
            }
            inodes.computeIfPresent(old.ino, (k, v) -> {
                if (v != old) {
                    return v;
                }
                v.evictionQueued = false;
                return v.pins == 0 && v.isClean() ? null : v;
            });
        }
    }

    /**
     * The inode's current record, loading it from the store when needed; null when the store has
     * no such inode (or it was removed). Safe without the inode's lock.
     */
    InodeRecord record(Inode inode) throws IOException {
        InodeRecord r = inode.record();
        if (r == null) {
            byte[] v = store.get(KeyCodec.inode(inode.ino));
            if (v == null) {
                return null;
            }
            InodeRecord loaded = InodeRecord.decode(inode.ino, v);
            r = inode.installLoaded(loaded);
        }
        return r == Inode.DELETED ? null : r;
    }

    /** Registers a just-created inode (its record is already stored); returns it pinned. */
    Inode install(long ino, InodeRecord record) {
        Inode n = pin(ino);
        n.installLoaded(record);
        n.lock.writeLock().lock();
        try {
            n.setRecord(record);
            n.setDurableSize(record.size());
        } finally {
            n.lock.writeLock().unlock();
        }
        return n;
    }

    /** A fresh clean-cache epoch. */
    long newEpoch() {
        return epochs.incrementAndGet();
    }

    /** Inodes held in memory now (pinned, dirty or cached). */
    int size() {
        return inodes.size();
    }

    /** Every inode in memory, for flushing at close. */
    Iterable<Inode> all() {
        return inodes.values();
    }
}
