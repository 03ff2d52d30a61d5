package org.pmnfs.server.rpc;

import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.zip.CRC32C;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.glassfish.grizzly.Buffer;

/**
 * The duplicate request cache: the replies to recent non-idempotent calls, so that a
 * retransmission gets the reply the first call got instead of running the call again. A client
 * retransmits when it lost a reply, mostly because its connection broke (the Linux client then
 * reconnects from the same port, for caches like this one). Without it a retransmitted REMOVE
 * answers NOENT, a RENAME NOENT and a GUARDED CREATE EXIST, errors for things that worked.
 *
 * <p>A call is the same call when the client's address and port, the xid, the program, version
 * and procedure, the length of the arguments and a CRC-32C of their first
 * {@value #CHECKSUMMED_ARGUMENT_BYTES} bytes are the same. A retransmission that arrives while
 * the first call still runs is answered when it finishes. Bounded in entries (the oldest go first)
 * and in time: an answered entry older than the window is forgotten, since a client reusing an
 * xid that much later sends a new call.
 */
final class ReplyCache {

    /** Enough for every NFSv3 namespace call's handles and names; a longer tail only adds cost. */
    static final int CHECKSUMMED_ARGUMENT_BYTES = 1024;

    /** What identifies a call. */
    record Key(InetSocketAddress client, int xid, int program, int version, int procedure, int argumentBytes,
               int argumentCrc) {
    }

    /** One remembered call: its reply once there is one (null when it ended without one). */
    static final class Entry {
        private final long bornNanos;
        private final CompletableFuture<XdrAble> reply = new CompletableFuture<>();

        private Entry(long bornNanos) {
            this.bornNanos = bornNanos;
        }

        /** Records the reply of the first call; later calls of this method change nothing. */
        void answered(XdrAble body) {
            reply.complete(body);
        }

        /** The reply, when it comes: null when the first call ended without a cacheable reply. */
        CompletableFuture<XdrAble> reply() {
            return reply;
        }
    }

    /** What {@link #admit} found: a new call to serve, or a retransmission of a remembered one. */
    record Admission(Entry entry, boolean retransmission) {
    }

    private final int capacity;
    private final long windowNanos;
    private final LongSupplier clock;
    /** In insertion order, so the eldest is first. */
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>();

    ReplyCache(int capacity, long windowNanos, LongSupplier clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.windowNanos = windowNanos;
        this.clock = clock;
    }

    /** The key of {@code request}; reads its arguments without moving them or copying them. */
    static Key keyOf(RpcRequest request) {
        Buffer arguments = request.argumentBuffer();
        int from = arguments.position();
        int length = arguments.remaining();
        int end = from + Math.min(length, CHECKSUMMED_ARGUMENT_BYTES);
        CRC32C crc = new CRC32C();
        // A view of the bytes; duplicated because Grizzly may hand out its own cached ByteBuffer.
        crc.update(arguments.toByteBuffer(from, end).duplicate());
        return new Key(request.client(), request.xid(), request.program(), request.version(), request.procedure(),
                length, (int) crc.getValue());
    }

    /**
     * The entry of the call with {@code key}: the remembered one if this is a retransmission,
     * else a new one, remembered from now on, that the caller must {@link #finish}.
     */
    synchronized Admission admit(Key key) {
        long now = clock.getAsLong();
        Entry known = entries.get(key);
        if (known != null && !(known.reply.isDone() && now - known.bornNanos > windowNanos)) {
            return new Admission(known, true);
        }
        Entry fresh = new Entry(now);
        entries.remove(key); // re-inserted last: it is the youngest now
        entries.put(key, fresh);
        evictBeyondCapacity();
        return new Admission(fresh, false);
    }

    /**
     * Ends the first call of {@code entry}: one that was answered stays remembered; one that was
     * not (a server fault, undecodable arguments) is forgotten, so a retransmission runs again,
     * and the retransmissions waiting for it get no reply (their client sends again).
     */
    synchronized void finish(Key key, Entry entry) {
        if (entry.reply.complete(null)) {
            entries.remove(key, entry);
        }
    }

    synchronized int size() {
        return entries.size();
    }

    private void evictBeyondCapacity() {
        Iterator<Entry> eldest = entries.values().iterator();
        while (entries.size() > capacity) {
            eldest.next();
            eldest.remove();
        }
    }
}
