package org.pmnfs.kv;

import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One inode's in-memory state: its lock, its current attributes (the exact, possibly not yet
 * stored, truth), and its dirty chunks. Obtained pinned from {@link InodeTable}, so there is never
 * more than one {@code Inode} object per inode number while anyone uses it.
 *
 * <p>Locking: {@link #lock} in write mode guards every change to the record, the dirty chunks,
 * {@link #durableSize} and {@link #cacheEpoch}; readers of data hold it in read mode. The record is
 * also readable without the lock (an immutable value behind an atomic reference).
 */
final class Inode {

    final long ino;
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    /** Current attributes; null until loaded; {@link #DELETED} once removed. */
    private final AtomicReference<InodeRecord> record = new AtomicReference<>();

    /** Dirty chunks by index. Guarded by {@link #lock}. */
    final TreeMap<Long, ChunkBuffer> dirty = new TreeMap<>();
    /** Array bytes of the dirty chunks, as charged to the dirty budget. Guarded by {@link #lock}. */
    long dirtyBytes;
    /** This inode's key in the dirty budget's queue of holders, 0 when not queued. Guarded by {@link #lock}. */
    long dirtySequence;
    /** The record differs from the stored one. Guarded by {@link #lock}. */
    boolean recordDirty;
    /**
     * The size in the stored record, so no stored chunk lies past it; -1 while the record is the
     * one loaded from the store (then its size is the stored one). Guarded by {@link #lock}.
     */
    private long durableSize = -1;
    /** Clean-cache key part; changed when cached chunks go stale (truncate, remove, another server's write). Guarded by {@link #lock}. */
    long cacheEpoch;
    /**
     * Shared stores: the version of the stored record this object's state is based on (0 while
     * unknown). Written under {@link #lock} (or at first load), read without it.
     */
    private volatile long storedVersion;

    /**
     * The ticket of this inode's latest unlogged store write ({@link SyncTracker}; 0: none).
     * Until it is persisted, a logged write of the record must not go out first, and the table
     * keeps the object. Written under {@link #lock}, read without it.
     */
    volatile long unloggedTicket;

    /** Users holding this object, or {@link #EVICTED} once the table dropped it (then it is never pinned again). */
    final AtomicInteger pins = new AtomicInteger();
    /** Set while the object sits in the table's queue of eviction candidates. */
    final AtomicBoolean evictionQueued = new AtomicBoolean();

    static final int EVICTED = -1;

    /** Marks a removed inode. */
    static final InodeRecord DELETED = InodeRecord.create(org.pmnfs.vfs.FileType.REGULAR, 0, 0, 0, 0, 0, -1, 0, 0);

    Inode(long ino, long cacheEpoch) {
        this.ino = ino;
        this.cacheEpoch = cacheEpoch;
    }

    /** Adds a pin unless the object was evicted. */
    boolean tryPin() {
        while (true) {
            int p = pins.get();
            if (p == EVICTED) {
                return false;
            }
            if (pins.compareAndSet(p, p + 1)) {
                return true;
            }
        }
    }

    /** The current record, null when not loaded yet. */
    InodeRecord record() {
        return record.get();
    }

    /** Installs a record loaded from the store (with its version) unless one is already there; returns the winner. */
    synchronized InodeRecord installLoaded(InodeRecord loaded, long version) {
        if (record.compareAndSet(null, loaded)) {
            storedVersion = version;
            return loaded;
        }
        return record.get();
    }

    /** The version of the stored record this state is based on (shared stores). */
    long storedVersion() {
        return storedVersion;
    }

    /** The store now holds this inode's record at {@code version} (written by us). Caller holds the write lock. */
    void stored(long version) {
        storedVersion = version;
    }

    /**
     * Replaces everything with what another server stored: {@code r} (or {@link #DELETED}) at
     * {@code version}. Caller holds the write lock and has dropped any dirty data.
     */
    synchronized void reloaded(InodeRecord r, long version) {
        record.set(r);
        durableSize = -1;
        recordDirty = false;
        storedVersion = version;
    }

    /** Replaces the record (caller holds the write lock). */
    void setRecord(InodeRecord r) {
        if (durableSize < 0) {
            InodeRecord old = record.get();
            durableSize = old == null || old == DELETED ? 0 : old.size();
        }
        record.set(r);
    }

    /** The stored size: no stored chunk lies past it. Caller holds the lock (either mode). */
    long durableSize() {
        if (durableSize >= 0) {
            return durableSize;
        }
        InodeRecord r = record.get();
        return r == null || r == DELETED ? 0 : r.size();
    }

    /** Records that the store now holds size {@code size} (caller holds the write lock). */
    void setDurableSize(long size) {
        durableSize = size;
    }

    boolean isDeleted() {
        return record.get() == DELETED;
    }

    /** True when memory holds nothing the store lacks. Caller holds the lock or knows nobody does. */
    boolean isClean() {
        return dirty.isEmpty() && !recordDirty;
    }
}
