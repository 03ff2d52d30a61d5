package org.pmnfs.kv;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Knows whether any write since the last sync is still unsynced, so COMMIT of a file with nothing
 * dirty syncs the WAL only when an earlier write-back (without sync) may still be volatile.
 */
final class SyncTracker {

    private final KvStore store;
    /** Unsynced writes made so far. */
    private final AtomicLong written = new AtomicLong();
    /** The value of {@link #written} covered by the latest sync. */
    private final AtomicLong synced = new AtomicLong();

    SyncTracker(KvStore store) {
        this.store = store;
    }

    /** Writes {@code batch}; a synced write also covers every earlier unsynced one. Returns the store's version of it. */
    long write(KvBatch batch, boolean sync) throws IOException {
        if (sync) {
            long before = written.get();
            long version = store.write(batch, true);
            synced.accumulateAndGet(before, Math::max);
            return version;
        }
        long version = store.write(batch, false);
        written.incrementAndGet();
        return version;
    }

    /** Makes every earlier write durable, skipping the sync when nothing is pending. */
    void sync() throws IOException {
        long w = written.get();
        if (synced.get() >= w) {
            return;
        }
        store.sync();
        synced.accumulateAndGet(w, Math::max);
    }
}
