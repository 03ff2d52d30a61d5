package org.pmnfs.kv;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Knows which writes are still volatile: logged writes not yet synced (COMMIT of a file with
 * nothing dirty syncs the WAL only when an earlier write-back may still be volatile), and
 * unlogged writes not yet persisted, each known by the ticket its write got.
 */
final class SyncTracker {

    private final KvStore store;
    /** Logged unsynced writes made so far. */
    private final AtomicLong written = new AtomicLong();
    /** The value of {@link #written} covered by the latest sync or persist. */
    private final AtomicLong synced = new AtomicLong();
    /** Unlogged writes made so far: the ticket of the latest one. */
    private final AtomicLong unlogged = new AtomicLong();
    /** Every unlogged write with a ticket up to this one is durable. */
    private final AtomicLong persisted = new AtomicLong();

    SyncTracker(KvStore store) {
        this.store = store;
    }

    /** Writes {@code batch}; a synced write also covers every earlier logged one. Returns the store's version of it. */
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

    /**
     * Writes {@code batch} without the engine's log ({@link KvStore#writeUnlogged}) and returns
     * its ticket: {@link #persist(long)} with it makes the batch durable. The ticket is taken
     * after the write returned, so a persist that reads a ticket before it starts covers it.
     */
    long writeUnlogged(KvBatch batch) throws IOException {
        store.writeUnlogged(batch);
        return unlogged.incrementAndGet();
    }

    /** True while the unlogged write with {@code ticket} (0: none) may still be lost by a crash. */
    boolean unpersisted(long ticket) {
        return ticket > persisted.get();
    }

    /**
     * Makes the unlogged write with {@code ticket} durable, with every write before it, logged or
     * not; nothing to do when an earlier persist covered it.
     */
    void persist(long ticket) throws IOException {
        if (!unpersisted(ticket)) {
            return;
        }
        long upTo = unlogged.get();
        long w = written.get();
        store.persist();
        persisted.accumulateAndGet(upTo, Math::max);
        synced.accumulateAndGet(w, Math::max);
    }

    /** Makes every earlier logged write durable, skipping the sync when nothing is pending. */
    void sync() throws IOException {
        long w = written.get();
        if (synced.get() >= w) {
            return;
        }
        store.sync();
        synced.accumulateAndGet(w, Math::max);
    }

    /** Makes every earlier write durable, unlogged ones included (at close). */
    void persistAll() throws IOException {
        persist(unlogged.get());
        sync();
    }
}
