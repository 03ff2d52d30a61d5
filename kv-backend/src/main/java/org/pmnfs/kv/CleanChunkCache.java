package org.pmnfs.kv;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Clean chunks (identical to what the store holds) kept for reads, bounded in bytes and evicted
 * by a clock sweep. Keys carry the inode's cache epoch, so truncating or removing a file makes its
 * cached chunks unreachable at once; they age out. Readers never block: eviction runs in whichever
 * thread pushes the cache over its limit and finds the sweep free.
 */
final class CleanChunkCache {

    record Key(long ino, long epoch, long index) {}

    private static final class Entry {
        final ChunkBuffer chunk;
        volatile boolean referenced;

        Entry(ChunkBuffer chunk) {
            this.chunk = chunk;
        }
    }

    private final long limit;
    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final ReentrantLock sweep = new ReentrantLock();
    /** The clock hand. Guarded by {@link #sweep}. */
    private Iterator<Map.Entry<Key, Entry>> hand;

    CleanChunkCache(long limit) {
        this.limit = limit;
    }

    /** The cached chunk, or null. */
    ChunkBuffer get(long ino, long epoch, long index) {
        if (limit == 0) {
            return null;
        }
        Entry e = entries.get(new Key(ino, epoch, index));
        if (e == null) {
            return null;
        }
        e.referenced = true;
        return e.chunk;
    }

    /** Takes a chunk out (a writer is about to change it); null when absent. */
    ChunkBuffer take(long ino, long epoch, long index) {
        if (limit == 0) {
            return null;
        }
        Entry e = entries.remove(new Key(ino, epoch, index));
        if (e == null) {
            return null;
        }
        bytes.addAndGet(-e.chunk.capacity());
        return e.chunk;
    }

    /** Caches a clean chunk that must not be changed while cached. */
    void put(long ino, long epoch, long index, ChunkBuffer chunk) {
        if (limit == 0 || chunk.capacity() > limit) {
            return;
        }
        Entry previous = entries.put(new Key(ino, epoch, index), new Entry(chunk));
        bytes.addAndGet(chunk.capacity() - (previous == null ? 0 : previous.chunk.capacity()));
        if (bytes.get() > limit && sweep.tryLock()) {
            try {
                evict();
            } finally {
                sweep.unlock();
            }
        }
    }

    long limit() {
        return limit;
    }

    long bytes() {
        return bytes.get();
    }

    int size() {
        return entries.size();
    }

    private void evict() {
        long target = limit - limit / 8;
        int visits = 2 * entries.size() + 2;
        while (bytes.get() > target && visits-- > 0) {
            if (hand == null || !hand.hasNext()) {
                hand = entries.entrySet().iterator();
                if (!hand.hasNext()) {
                    return;
                }
            }
            Map.Entry<Key, Entry> e = hand.next();
            Entry v = e.getValue();
            if (v.referenced) {
                v.referenced = false;
            } else if (entries.remove(e.getKey(), v)) {
                bytes.addAndGet(-v.chunk.capacity());
            }
        }
    }
}
