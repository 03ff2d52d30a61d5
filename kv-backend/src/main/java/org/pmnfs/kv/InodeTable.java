package org.pmnfs.kv;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

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
    /** Other servers write the store too: records are checked against its versions. */
    private final boolean shared;
    /** What to do with an inode's UNSTABLE data when another server changed the file under it. */
    private volatile Consumer<Inode> lostDirty = n -> { };
    /** Whether an inode's unlogged data may still be lost (then it is not evicted, or its ticket would be forgotten). */
    private volatile java.util.function.Predicate<Inode> unpersisted = n -> false;

    InodeTable(KvStore store, int capacity, AtomicLong epochs) {
        this.store = store;
        this.capacity = capacity;
        this.epochs = epochs;
        this.shared = store.shared();
    }

    void onLostDirty(Consumer<Inode> handler) {
        this.lostDirty = handler;
    }

    /**
     * Shared stores: brings {@code n} up to the store's current record (one read of its key), so
     * what another server changed is seen by the next call. A newer record drops the inode's
     * cached chunks (new epoch); local UNSTABLE data based on the older one is handed to the
     * lost-dirty handler (it is dropped and the write verifier changes, so clients resend it).
     * Exclusive stores: nothing to do, memory is the truth.
     */
    void refresh(Inode n) throws IOException {
        if (!shared) {
            return;
        }
        KvStore.Versioned v = store.getVersioned(KeyCodec.inode(n.ino));
        if (current(n, v)) {
            return;
        }
        n.lock.writeLock().lock();
        try {
            install(n, v);
        } finally {
            n.lock.writeLock().unlock();
        }
    }

    /**
     * The current record of {@code n} for a caller that may hold other inodes' locks (listings,
     * the rename ancestry walk): like {@link #refresh} on a shared store, but it never waits for
     * {@code n}'s lock; when another thread holds it, the stored record is returned without being
     * installed. With {@code expect}, the batch also requires the record to stay the version read.
     */
    InodeRecord current(Inode n, KvBatch expect) throws IOException {
        if (!shared) {
            return record(n);
        }
        KvStore.Versioned v = store.getVersioned(KeyCodec.inode(n.ino));
        if (expect != null && v.value() != null) {
            expect.expect(KeyCodec.inode(n.ino), v.version());
        }
        if (!current(n, v) && n.lock.writeLock().tryLock()) {
            try {
                install(n, v);
            } finally {
                n.lock.writeLock().unlock();
            }
        }
        if (current(n, v)) {
            return record(n);
        }
        return v.value() == null ? null : InodeRecord.decode(n.ino, v.value());
    }

    /** Installs what another server stored (caller holds the write lock), unless memory is as new. */
    private void install(Inode n, KvStore.Versioned v) throws IOException {
        if (current(n, v)) {
            return;
        }
        if (!n.isClean()) {
            lostDirty.accept(n);
        }
        n.cacheEpoch = newEpoch();
        if (v.value() == null) {
            n.reloaded(Inode.DELETED, v.asOf());
        } else {
            n.reloaded(InodeRecord.decode(n.ino, v.value()), v.version());
        }
    }

    /** True when memory is at least as new as what {@code v} read (versions only grow). */
    private static boolean current(Inode n, KvStore.Versioned v) {
        InodeRecord r = n.record();
        long known = n.storedVersion();
        if (r == null) {
            return v.value() == null; // not loaded yet: record() loads it
        }
        if (v.value() == null) {
            return r == Inode.DELETED || v.asOf() <= known;
        }
        return v.version() <= known;
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
            if (v.isDeleted() || (v.isClean() && !unpersisted.test(v))) {
                return null;
            }
            v.pins.set(0);
            return v;
        });
        if (!n.isDeleted() && n.isClean() && unpersisted.test(n) && n.evictionQueued.compareAndSet(false, true)) {
            released.add(n); // kept only for its unlogged ticket: try again once a persist covered it
        }
    }

    /** Keeps inodes for which {@code test} holds (unlogged data not yet durable) out of eviction. */
    void retainWhile(java.util.function.Predicate<Inode> test) {
        this.unpersisted = test;
    }

    /**
     * The inode's current record, loading it from the store when needed; null when the store has
     * no such inode (or it was removed). Safe without the inode's lock.
     */
    InodeRecord record(Inode inode) throws IOException {
        InodeRecord r = inode.record();
        if (r == null) {
            KvStore.Versioned v = shared ? store.getVersioned(KeyCodec.inode(inode.ino))
                    : new KvStore.Versioned(store.get(KeyCodec.inode(inode.ino)), 0, 0);
            if (v.value() == null) {
                return null;
            }
            InodeRecord loaded = InodeRecord.decode(inode.ino, v.value());
            r = inode.installLoaded(loaded, v.version());
        }
        return r == Inode.DELETED ? null : r;
    }

    /** Registers a just-created inode (its record is already stored, at {@code version}); returns it pinned. */
    Inode install(long ino, InodeRecord record, long version) {
        Inode n = pin(ino);
        n.installLoaded(record, version);
        n.lock.writeLock().lock();
        try {
            n.setRecord(record);
            n.setDurableSize(record.size());
            n.stored(version);
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
