package org.pmnfs.kv;

import java.io.IOException;

/**
 * Hands out inode numbers, never reusing one. The store holds a high-water mark
 * ({@code 'N' next-ino}) reserved ahead in blocks: a block's reservation is written (without sync)
 * before any of its numbers is used, and the WAL keeps writes in order, so any create that
 * survives a crash is covered by a surviving reservation. On a shared store each server leases
 * its blocks with a compare-and-set of the mark, so two servers never get the same block.
 */
final class InoAllocator {

    /** Numbers reserved per store write. */
    static final long BLOCK = 1024;
    /** Lease attempts before a create gives up with JUKEBOX. */
    private static final int MAX_LEASE_ATTEMPTS = 100;
    /** The root directory's inode number. */
    static final long ROOT_INO = 1;

    private final KvStore store;
    /** Next number to hand out, and the end of the reserved block. Guarded by this. */
    private long next;
    private long reservedEnd;

    InoAllocator(KvStore store, long storedHighWater) {
        this.store = store;
        this.next = Math.max(storedHighWater, ROOT_INO + 1);
        this.reservedEnd = next;
    }

    /** The high-water mark a new store starts with. */
    static byte[] initialValue() {
        byte[] v = new byte[8];
        KeyCodec.writeLong(v, 0, ROOT_INO + 1);
        return v;
    }

    /** Reads the stored high-water mark. */
    static long read(KvStore store) throws IOException {
        byte[] v = store.get(KeyCodec.counter(KeyCodec.COUNTER_NEXT_INO));
        if (v == null || v.length != 8) {
            throw new org.pmnfs.vfs.NfsIoException("store has no valid '" + KeyCodec.COUNTER_NEXT_INO + "' counter");
        }
        return KeyCodec.readLong(v, 0);
    }

    synchronized long next() throws IOException {
        if (next == reservedEnd) {
            if (store.shared()) {
                leaseShared();
            } else {
                long end = next + BLOCK;
                byte[] v = new byte[8];
                KeyCodec.writeLong(v, 0, end);
                store.put(KeyCodec.counter(KeyCodec.COUNTER_NEXT_INO), v, false);
                reservedEnd = end;
            }
        }
        return next++;
    }

    /** Moves the shared mark one block on, only if no other server moved it since it was read. */
    private void leaseShared() throws IOException {
        byte[] key = KeyCodec.counter(KeyCodec.COUNTER_NEXT_INO);
        for (int attempt = 0; attempt < MAX_LEASE_ATTEMPTS; attempt++) {
            KvStore.Versioned v = store.getVersioned(key);
            if (v.value() == null || v.value().length != 8) {
                throw new org.pmnfs.vfs.NfsIoException("store has no valid '" + KeyCodec.COUNTER_NEXT_INO + "' counter");
            }
            long start = KeyCodec.readLong(v.value(), 0);
            byte[] end = new byte[8];
            KeyCodec.writeLong(end, 0, start + BLOCK);
            KvBatch batch = new KvBatch();
            batch.put(key, end);
            batch.expect(key, v.version());
            try {
                store.write(batch, false);
            } catch (KvConflictException e) {
                continue; // another server leased a block first: read the mark again
            }
            next = start;
            reservedEnd = start + BLOCK;
            return;
        }
        throw new org.pmnfs.vfs.JukeboxException("could not lease inode numbers: the counter changed "
                + MAX_LEASE_ATTEMPTS + " times in a row under other servers; retry later");
    }
}
