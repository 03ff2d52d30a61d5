package org.pmnfs.kv;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.common.exception.EtcdException;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.pmnfs.vfs.JukeboxException;
import org.pmnfs.vfs.NfsIoException;
import org.pmnfs.vfs.NoSpcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The etcd engine behind {@link KvStore}: every key of a store lives under {@code pmnfs/NAMESPACE/}
 * in an etcd cluster, a batch is one etcd transaction (its conditions compare mod revisions), a
 * version is a key's mod revision, and every write is durable once acknowledged (a majority of
 * the members has it on disk through Raft), so {@link #sync} has nothing left to do. The only
 * class that knows etcd; the jetcd client's types stay inside it.
 *
 * <p>Requests are bounded by {@link EtcdSettings#timeout()}: a cluster that cannot answer (no
 * quorum) becomes {@link JukeboxException}, so NFS clients retry. History older than
 * {@link #COMPACT_AFTER_TICKS} minutes is compacted, so overwritten chunks do not fill the quota.
 */
final class EtcdKvStore implements KvStore {

    private static final Logger LOG = LoggerFactory.getLogger(EtcdKvStore.class);

    /** etcd's default {@code --max-txn-ops}: operations (and, separately, compares) per transaction. */
    static final int MAX_TXN_OPS = 128;
    /**
     * Key and value bytes per transaction: 1 MiB of chunk data plus room for the record and keys,
     * inside etcd's default {@code --max-request-bytes} of 1.5 MiB with its framing.
     */
    static final long MAX_TXN_BYTES = (1L << 20) + (64L << 10);
    /** The largest chunk size an etcd store may be formatted with: one chunk must fit one request. */
    static final int MAX_CHUNK_SIZE = 1 << 20;
    /** Keys per page of a scan: pages of chunks stay a few MiB. */
    static final int SCAN_PAGE_KEYS = 16;
    /** The largest gRPC response accepted: a page of 16 chunks of 1 MiB plus framing. */
    private static final int MAX_INBOUND_BYTES = 32 << 20;
    /** Minutes between compactions; history older than {@link #COMPACT_AFTER_TICKS} ticks is dropped. */
    private static final long COMPACT_TICK_MINUTES = 1;
    static final int COMPACT_AFTER_TICKS = 5;
    /** Pause between attempts of a request the cluster did not answer (a leader election takes about a second). */
    private static final long RETRY_PAUSE_MILLIS = 100;
    /** The prefix of every pmnfs namespace in the cluster. */
    static final String ROOT = "pmnfs/";

    private final EtcdSettings settings;
    private final Client client;
    private final KV kv;
    private final byte[] prefix;
    private final long timeoutMillis;
    /** The newest cluster revision seen in any response (compaction keeps what is younger). */
    private final AtomicLong latestRevision = new AtomicLong();
    /** Revisions seen at the last compaction ticks, oldest first. Guarded by itself. */
    private final ArrayDeque<Long> ticks = new ArrayDeque<>();
    private final ScheduledExecutorService maintenance;
    /** The cluster's storage quota and database sizes, from the members' /metrics. */
    private final EtcdQuota quota;

    private EtcdKvStore(EtcdSettings settings, Client client) {
        this.settings = settings;
        this.client = client;
        this.kv = client.getKVClient();
        this.prefix = (ROOT + settings.namespace() + "/").getBytes(StandardCharsets.US_ASCII);
        this.timeoutMillis = settings.timeout().toMillis();
        this.maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pmnfs-etcd-maintenance");
            t.setDaemon(true);
            return t;
        });
        maintenance.scheduleWithFixedDelay(this::compactTick, COMPACT_TICK_MINUTES, COMPACT_TICK_MINUTES, TimeUnit.MINUTES);
        this.quota = new EtcdQuota(settings, new EtcdMemberMetrics(settings.endpoints(), settings.timeout()));
    }

    /**
     * Learns the cluster's storage quota (FSSTAT's capacity), asking for up to {@code waitMillis},
     * and keeps it fresh on the maintenance thread; see {@link EtcdQuota#learn}.
     */
    void learnQuota(long waitMillis) throws IOException {
        quota.learn(waitMillis);
        quota.refreshEvery(maintenance);
    }

    /** Connects to the cluster (lazily: the first request finds out whether it answers). */
    static EtcdKvStore connect(EtcdSettings settings) {
        Client client = Client.builder()
                .endpoints(settings.endpoints().toArray(URI[]::new))
                .maxInboundMessageSize(MAX_INBOUND_BYTES)
                .connectTimeout(settings.timeout())
                .retryMaxDuration(settings.timeout())
                .build();
        return new EtcdKvStore(settings, client);
    }

    /** The etcd key of the store's marker: outside the store's own keys, beside its prefix. */
    static byte[] markerKey(String namespace) {
        return (ROOT + namespace).getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads a raw etcd key (the marker), outside the namespace's key space. */
    Versioned getRaw(byte[] rawKey) throws IOException {
        return getRaw(rawKey, timeoutMillis);
    }

    /**
     * Reads a raw key, resending for up to {@code millis}: a server starting may find a cold
     * client (its first connection) or a cluster still electing a leader, and should wait for it.
     */
    Versioned getRaw(byte[] rawKey, long millis) throws IOException {
        GetResponse r = read("get", () -> kv.get(ByteSequence.from(rawKey)), millis);
        seen(r.getHeader().getRevision());
        if (r.getKvs().isEmpty()) {
            return new Versioned(null, 0, r.getHeader().getRevision());
        }
        KeyValue v = r.getKvs().getFirst();
        return new Versioned(v.getValue().getBytes(), v.getModRevision(), r.getHeader().getRevision());
    }

    /**
     * Writes {@code batch} and the raw key {@code rawKey} in one transaction, only while
     * {@code rawKey} is absent: how a namespace is formatted, once, whoever races to do it.
     * Returns false when the key existed (nothing written).
     */
    boolean writeIfAbsent(byte[] rawKey, byte[] rawValue, KvBatch batch) throws IOException {
        List<Op> ops = ops(batch);
        ops.add(Op.put(ByteSequence.from(rawKey), ByteSequence.from(rawValue), PutOption.DEFAULT));
        // Retrying is safe: a format that was applied makes the retry's condition fail.
        TxnResponse r = read("format transaction", () -> kv.txn()
                .If(new Cmp(ByteSequence.from(rawKey), Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                .Then(ops.toArray(Op[]::new)).commit());
        seen(r.getHeader().getRevision());
        return r.isSucceeded();
    }

    @Override
    public byte[] get(byte[] key) throws IOException {
        return getVersioned(key).value();
    }

    @Override
    public Versioned getVersioned(byte[] key) throws IOException {
        return getRaw(full(key));
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public int maxBatchOps() {
        return MAX_TXN_OPS;
    }

    @Override
    public long maxBatchBytes() {
        return MAX_TXN_BYTES;
    }



    /** The quota the cluster reported (the smallest of its members'), else {@code --etcd-quota}. */
    @Override
    public long capacityBytes() {
        return quota.capacityBytes();
    }

    @Override
    public void put(byte[] key, byte[] value, boolean sync) throws IOException {
        KvBatch b = new KvBatch();
        b.put(key, value);
        write(b, sync);
    }

    @Override
    public void delete(byte[] key, boolean sync) throws IOException {
        KvBatch b = new KvBatch();
        b.delete(key);
        write(b, sync);
    }

    /** Pages through the range at one revision, so the visitor sees one snapshot. */
    @Override
    public void scan(byte[] fromInclusive, byte[] toExclusive, KvVisitor visitor) throws IOException {
        ByteSequence end = ByteSequence.from(full(toExclusive));
        byte[] from = full(fromInclusive);
        long revision = 0;
        while (true) {
            GetOption.Builder o = GetOption.builder().withRange(end).withLimit(SCAN_PAGE_KEYS);
            if (revision != 0) {
                o.withRevision(revision);
            }
            GetOption page = o.build();
            ByteSequence start = ByteSequence.from(from);
            GetResponse r = read("scan", () -> kv.get(start, page));
            if (revision == 0) {
                revision = r.getHeader().getRevision();
                seen(revision);
            }
            byte[] last = null;
            for (KeyValue pair : r.getKvs()) {
                last = pair.getKey().getBytes();
                if (!visitor.visit(java.util.Arrays.copyOfRange(last, prefix.length, last.length), pair.getValue().getBytes())) {
                    return;
                }
            }
            if (!r.isMore() || last == null) {
                return;
            }
            from = java.util.Arrays.copyOf(last, last.length + 1); // the next key after the last one
        }
    }

    @Override
    public long write(KvBatch batch, boolean sync) throws IOException {
        if (batch.size() > MAX_TXN_OPS || batch.conditions().size() > MAX_TXN_OPS || batch.bytes() > MAX_TXN_BYTES) {
            throw new NfsIoException("a batch of " + batch.size() + " operations, " + batch.conditions().size()
                    + " conditions and " + batch.bytes() + " bytes exceeds one etcd transaction (" + MAX_TXN_OPS
                    + " operations, " + MAX_TXN_BYTES + " bytes); the caller must split it");
        }
        if (batch.isEmpty()) {
            return 0;
        }
        List<Cmp> cmps = new ArrayList<>(batch.conditions().size());
        for (KvBatch.Condition c : batch.conditions()) {
            // A missing key compares as mod revision 0, so version 0 means "still absent".
            cmps.add(new Cmp(ByteSequence.from(full(c.key())), Cmp.Op.EQUAL, CmpTarget.modRevision(c.version())));
        }
        Cmp[] ifs = cmps.toArray(Cmp[]::new);
        Op[] thens = ops(batch).toArray(Op[]::new);
        String what = "transaction of " + batch.size() + " operations, " + batch.bytes() + " bytes";
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        long before = latestRevision.get();
        TxnResponse r;
        while (true) {
            try {
                r = await(what, kv.txn().If(ifs).Then(thens).commit(), remainingMillis(deadline));
                break;
            } catch (JukeboxException e) {
                // The cluster did not confirm (a member died, a leader election, a timeout): the
                // transaction may still have been applied. Resending it blindly would make its
                // conditions fail against its own effect, so first look whether it took effect.
                long applied = appliedRevision(batch, before, deadline);
                if (applied > 0) {
                    return applied;
                }
                if (remainingMillis(deadline) <= RETRY_PAUSE_MILLIS) {
                    throw e;
                }
                pause();
            }
        }
        long revision = r.getHeader().getRevision();
        seen(revision);
        if (!r.isSucceeded()) {
            throw new KvConflictException("another server changed a key this " + batch.size()
                    + "-operation batch depends on (store revision " + revision + ")");
        }
        return revision;
    }

    /**
     * The revision at which {@code batch} was applied if the store shows every one of its puts
     * (same value, one mod revision, newer than {@code before}, the newest revision this client
     * had seen when it sent the batch) and none of its deleted keys; 0 when it was not, or when
     * that cannot be told now. Values carry times and random generations, so another server's
     * write does not look like ours.
     */
    private long appliedRevision(KvBatch batch, long before, long deadline) {
        long revision = 0;
        try {
            for (KvBatch.Op op : batch.ops()) {
                if (remainingMillis(deadline) <= 0) {
                    return 0;
                }
                byte[] key = full(op.key());
                GetResponse g = await("check of an unconfirmed transaction", kv.get(ByteSequence.from(key)), remainingMillis(deadline));
                switch (op.kind()) {
                    case PUT -> {
                        if (g.getKvs().isEmpty() || !java.util.Arrays.equals(g.getKvs().getFirst().getValue().getBytes(), op.second())) {
                            return 0;
                        }
                        long mod = g.getKvs().getFirst().getModRevision();
                        if (mod <= before || (revision != 0 && mod != revision)) {
                            return 0;
                        }
                        revision = mod;
                    }
                    case DELETE -> {
                        if (!g.getKvs().isEmpty()) {
                            return 0;
                        }
                    }
                    case DELETE_RANGE -> { }
                }
            }
        } catch (IOException e) {
            return 0;
        }
        if (revision != 0) {
            LOG.debug("an unconfirmed transaction was applied at revision {}", revision);
        }
        return revision;
    }

    private List<Op> ops(KvBatch batch) {
        List<Op> ops = new ArrayList<>(batch.size() + 1);
        for (KvBatch.Op op : batch.ops()) {
            ByteSequence key = ByteSequence.from(full(op.key()));
            ops.add(switch (op.kind()) {
                case PUT -> Op.put(key, ByteSequence.from(op.second()), PutOption.DEFAULT);
                case DELETE -> Op.delete(key, DeleteOption.DEFAULT);
                case DELETE_RANGE -> Op.delete(key, DeleteOption.builder().withRange(ByteSequence.from(full(op.second()))).build());
            });
        }
        return ops;
    }

    /** Every acknowledged write is already on disk on a majority of the members. */
    @Override
    public void sync() {
        // nothing to do
    }

    /** etcd has no unlogged writes: every write goes through Raft. */
    @Override
    public long unloggedMinBytes() {
        return Long.MAX_VALUE;
    }

    @Override
    public long unloggedBatchBytes() {
        return MAX_TXN_BYTES;
    }

    /** A plain transaction (durable once acknowledged, like every etcd write). */
    @Override
    public long writeUnlogged(KvBatch batch) throws IOException {
        return write(batch, false);
    }

    /** Every acknowledged write is already durable. */
    @Override
    public void persist() {
        // nothing to do
    }

    /** The cluster's database size (what its quota limits), asked of the first member that answers. */
    @Override
    public long storedBytes() throws IOException {
        IOException last = null;
        for (URI u : settings.endpoints()) {
            try {
                return await("status of " + u, client.getMaintenanceClient().statusMember(u.toString()), timeoutMillis).getDbSize();
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }


    /** What the members' /metrics said at the last read (every 30 s); -1 until a read found them. */
    @Override
    public List<org.pmnfs.vfs.BackendMetric> metrics() {
        return quota.metrics(this::capacityBytes);
    }

    @Override
    public void close() {
        maintenance.shutdownNow();
        client.close();
    }

    /** Drops history older than a few minutes (best effort: another server may have compacted further). */
    private void compactTick() {
        long target;
        synchronized (ticks) {
            ticks.addLast(latestRevision.get());
            if (ticks.size() <= COMPACT_AFTER_TICKS) {
                return;
            }
            target = ticks.removeFirst();
        }
        if (target <= 0) {
            return;
        }
        try {
            await("compaction to revision " + target, kv.compact(target), timeoutMillis);
            LOG.debug("compacted etcd history up to revision {}", target);
        } catch (IOException | RuntimeException e) {
            LOG.debug("compaction to revision {} skipped: {}", target, e.getMessage());
        }
    }

    private void seen(long revision) {
        latestRevision.accumulateAndGet(revision, Math::max);
    }

    private byte[] full(byte[] key) {
        byte[] k = new byte[prefix.length + key.length];
        System.arraycopy(prefix, 0, k, 0, prefix.length);
        System.arraycopy(key, 0, k, prefix.length, key.length);
        return k;
    }

    /**
     * Sends a request that is safe to send again (a read, or a write whose conditions refuse a
     * second application) until it succeeds or the timeout has passed: a leader election or a
     * member's death then costs the caller a delay, not an error.
     */
    private <T> T read(String what, java.util.function.Supplier<CompletableFuture<T>> request) throws IOException {
        return read(what, request, timeoutMillis);
    }

    private <T> T read(String what, java.util.function.Supplier<CompletableFuture<T>> request, long millis)
            throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (true) {
            try {
                return await(what, request.get(), Math.min(timeoutMillis, remainingMillis(deadline)));
            } catch (JukeboxException e) {
                if (remainingMillis(deadline) <= RETRY_PAUSE_MILLIS) {
                    throw e;
                }
                pause();
            }
        }
    }

    /** Milliseconds left until {@code deadlineNanos} ({@link System#nanoTime}), at least 0. */
    static long remainingMillis(long deadlineNanos) {
        return Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000L);
    }

    private static void pause() throws JukeboxException {
        try {
            Thread.sleep(RETRY_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JukeboxException("interrupted waiting for etcd", e);
        }
    }

    /** Waits for a request at most {@code millis} and turns etcd's failures into NFS ones. */
    private <T> T await(String what, CompletableFuture<T> future, long millis) throws IOException {
        try {
            return future.get(Math.max(1, millis), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new JukeboxException("etcd " + what + " got no answer within " + timeoutMillis + " ms from "
                    + settings.describe() + " (is a majority of the members up?); retry later", e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new JukeboxException("interrupted waiting for etcd " + what, e);
        } catch (ExecutionException e) {
            throw translate(what, e.getCause() == null ? e : e.getCause());
        }
    }

    /** A full quota is NOSPC; a request etcd refuses as malformed an I/O error; anything else (no leader, no quorum, connection lost) JUKEBOX. */
    private IOException translate(String what, Throwable e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("database space exceeded")) {
            return new NoSpcException("etcd " + what + ": the cluster's storage quota (" + capacityBytes()
                    + " bytes) is full: " + message + " (compact, defragment and disarm the NOSPACE alarm)", e);
        }
        String code = e instanceof EtcdException ee ? ee.getErrorCode().name() : io.grpc.Status.fromThrowable(e).getCode().name();
        switch (code) {
            case "INVALID_ARGUMENT", "OUT_OF_RANGE", "PERMISSION_DENIED", "UNAUTHENTICATED", "UNIMPLEMENTED", "DATA_LOSS",
                 "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION" -> {
                // A request etcd will refuse however often it is sent: a bug or a misconfigured cluster.
                return new NfsIoException("etcd " + what + " refused [" + code + "]: " + message, e);
            }
            default -> { }
        }
        return new JukeboxException("etcd " + what + " failed for now (" + e.getClass().getSimpleName() + ": " + message
                + "); retry later", e);
    }
}
