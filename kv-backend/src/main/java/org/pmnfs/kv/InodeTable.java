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

    /**
     * The inode object for {@code ino}, pinned: it stays the one object for that number until
     * {@link #unpin}. The common case is a map read and one compare-and-set.
     */
    Inode pin(long ino) {
        Inode n = inodes.get(ino);
        if (n != null && n.tryPin()) {
            return n;
        }
        return inodes.compute(ino, (k, v) -> {
            if (v != null && v.tryPin()) {
                return v;
            }
            Inode fresh = new Inode(k, epochs.incrementAndGet());
            fresh.pins.set(1);
            return fresh;
        });
    }

    /** Releases a pin; drops removed inodes and evicts old clean ones while the table is over capacity. */
    void unpin(Inode inode) {
        if (inode.pins.decrementAndGet() == 0) {
            if (inode.isDeleted()) {
                tryEvict(inode);
            } else if (inode.evictionQueued.compareAndSet(false, true)) {
                released.add(inode);
            }
        }
        int budget = 4;
        while (inodes.size() > capacity && budget-- > 0) {
            Inode old = released.poll();
            if (old == null) {
                return;
            }
            old.evictionQueued.set(false);
            tryEvict(old);
        }
    }

    /**
     * Drops {@code n} from the table if nobody holds it and memory has nothing the store lacks.
     * The pin count is claimed first (0 to EVICTED), so no new user can slip in between the check
     * and the removal; a dirty inode gets its count back and stays.
     */
    private void tryEvict(Inode n) {
        inodes.computeIfPresent(n.ino, (k, v) -> {
            if (v != n || !v.pins.compareAndSet(0, Inode.EVICTED)) {
                return v;
            }
            if (v.isDeleted() || v.isClean()) {
                return null;
            }
            v.pins.set(0);
            return v;
        });
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
