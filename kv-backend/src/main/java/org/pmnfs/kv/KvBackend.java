package org.pmnfs.kv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.pmnfs.vfs.BackendMetric;
import org.pmnfs.vfs.CreateMode;
import org.pmnfs.vfs.CreateResult;
import org.pmnfs.vfs.DirListing;
import org.pmnfs.vfs.EntryBudget;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.FileSystemBackend;
import org.pmnfs.vfs.FileType;
import org.pmnfs.vfs.FsInfo;
import org.pmnfs.vfs.FsStat;
import org.pmnfs.vfs.HandleCodec;
import org.pmnfs.vfs.LinkResult;
import org.pmnfs.vfs.LookupResult;
import org.pmnfs.vfs.NanoClock;
import org.pmnfs.vfs.NfsException;
import org.pmnfs.vfs.OpenGuard;
import org.pmnfs.vfs.PathConf;
import org.pmnfs.vfs.ReadResult;
import org.pmnfs.vfs.RenameResult;
import org.pmnfs.vfs.ServerFaultException;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.StableHow;
import org.pmnfs.vfs.WccData;
import org.pmnfs.vfs.WriteResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file system kept in an embedded key-value store: every attribute, directory entry and data
 * chunk is a key (see {@link KeyCodec}). This facade opens the store and delegates each call to
 * the class that owns it.
 */
public final class KvBackend implements FileSystemBackend {

    private static final Logger LOG = LoggerFactory.getLogger(KvBackend.class);

    /** Bytes of store an inode with its entry costs, roughly; turns free space into free files. */
    private static final long BYTES_PER_INODE = SpaceAccount.INODE_BYTES;

    private final OpenedStore directory;
    private final KvConfig config;
    private final KvContext cx;
    private final FileHandle root;
    private final OpenGuard guard = new OpenGuard(() -> new ServerFaultException("the kv backend is closed"));
    private final FileData data;
    private final Attributes attributes;
    private final Creator creator;
    private final Remover remover;
    private final Lister lister;

    private KvBackend(OpenedStore directory, KvConfig config, KvContext cx, FileHandle root) {
        this.directory = directory;
        this.config = config;
        this.cx = cx;
        this.root = root;
        Directories dirs = new Directories(cx);
        this.data = new FileData(cx);
        this.attributes = new Attributes(cx, data);
        this.creator = new Creator(cx, dirs, data, attributes);
        this.remover = new Remover(cx, dirs, data);
        this.lister = new Lister(cx, dirs);
    }

    /**
     * Opens the store in {@code config.directory()}, formatting it first if it is missing or empty
     * and {@code createIfMissing} is set. Refuses a directory that is not a pmnfs store, a newer
     * format, or a store another process holds ({@link KvStoreOpenException}), changing nothing.
     */
    public static KvBackend open(KvConfig config) throws IOException {
        NanoClock clock = new NanoClock(config.clock());
        StoreDirectory.InitialContent initial = (batch, format) -> initialContent(batch, clock.now());
        OpenedStore sd = config.etcd() != null
                ? EtcdNamespace.open(config.etcd(), config.createIfMissing(), config.chunkSize(), false, initial)
                : StoreDirectory.open(config.directory(), config.createIfMissing(), config.chunkSize(), false, initial);
        boolean ok = false;
        try {
            FormatRecord format = sd.format();
            if (format.chunkSize() != config.chunkSize()) {
                LOG.warn("kv store {} keeps the chunk size it was formatted with, {} bytes (configured: {})",
                        sd.location(), format.chunkSize(), config.chunkSize());
            }
            KvStore store = sd.store();
            // 1. Count this open (synced): the write verifier must differ from every earlier one,
            //    this server's and, on a shared store, every other server's.
            long opens = countOpen(store);
            long verifier = (opens << 32) | (new SecureRandom().nextInt() & 0xffff_ffffL);
            SpaceAccount space = new SpaceAccount(config.capacityBytes());
            long live = countInodes(store, space);
            KvContext cx = new KvContext(store, new InodeTable(store, config.inodeCacheSize(), new AtomicLong()),
                    new ChunkMapping(format.chunkSize()), new DirtyBudget(config.dirtyLimitBytes()),
                    new CleanChunkCache(config.readCacheBytes()), clock, new HandleCodec(HandleCodec.KIND_KV, format.fsid()),
                    new InoAllocator(store, InoAllocator.read(store)), config.syncMetadata(), live, space, verifier);
            InodeRecord rootRecord = cx.peek(InoAllocator.ROOT_INO);
            if (rootRecord == null || !rootRecord.isDirectory()) {
                throw new KvStoreOpenException.NotAStore(sd.location(), "the store has no root directory");
            }
            KvBackend backend = new KvBackend(sd, config, cx, cx.handle(InoAllocator.ROOT_INO, rootRecord));
            LOG.info("opened kv store {}: fsid {}, chunk size {} bytes, {} inodes, open #{}{}", sd.location(),
                    Long.toHexString(format.fsid()), format.chunkSize(), live, opens,
                    store.shared() ? " (shared with other servers)" : "");
            ok = true;
            return backend;
        } finally {
            if (!ok) {
                sd.close();
            }
        }
    }

    /** Adds one to the stored open counter and returns it; on a shared store a compare-and-set. */
    private static long countOpen(KvStore store) throws IOException {
        byte[] key = KeyCodec.counter(KeyCodec.COUNTER_OPENS);
        if (!store.shared()) {
            long opens = readCounter(store, KeyCodec.COUNTER_OPENS) + 1;
            store.put(key, longValue(opens), true);
            return opens;
        }
        return ConflictRetry.run("counting this open", () -> {
            KvStore.Versioned v = store.getVersioned(key);
            long opens = (v.value() == null || v.value().length != 8 ? 0 : KeyCodec.readLong(v.value(), 0)) + 1;
            KvBatch batch = new KvBatch();
            batch.put(key, longValue(opens));
            batch.expect(key, v.version());
            store.write(batch, true);
            return opens;
        });
    }

    private static void initialContent(KvBatch batch, long now) {
        InodeRecord root = InodeRecord.create(FileType.DIRECTORY, 0755, 0, 0, 2, now, KvContext.newGeneration(),
                InoAllocator.ROOT_INO, DirentRecord.FIRST_COOKIE);
        batch.put(KeyCodec.inode(InoAllocator.ROOT_INO), root.encode());
        batch.put(KeyCodec.counter(KeyCodec.COUNTER_NEXT_INO), InoAllocator.initialValue());
        batch.put(KeyCodec.counter(KeyCodec.COUNTER_OPENS), longValue(0));
    }

    private static long readCounter(KvStore store, String name) throws IOException {
        byte[] v = store.get(KeyCodec.counter(name));
        return v == null || v.length != 8 ? 0 : KeyCodec.readLong(v, 0);
    }

    private static byte[] longValue(long x) {
        byte[] v = new byte[8];
        KeyCodec.writeLong(v, 0, x);
        return v;
    }

    /** Counts the inodes and adds up their space (one scan of the inode table at open). */
    private static long countInodes(KvStore store, SpaceAccount space) throws IOException {
        long[] n = {0};
        store.scan(KeyCodec.inodesStart(), KeyCodec.inodesEnd(), (k, v) -> {
            InodeRecord r = InodeRecord.decode(KeyCodec.id(k), v);
            space.add(SpaceAccount.usage(r.type(), r.size()));
            n[0]++;
            return true;
        });
        return n[0];
    }

    /** The store directory; null for a store in an etcd cluster. */
    public java.nio.file.Path directory() {
        return config.directory();
    }

    /** The configuration the store was opened with. */
    public KvConfig config() {
        return config;
    }

    /** Runs a call inside the open guard, again when it lost to another server's change. */
    private <T> T call(String what, ConflictRetry.Call<T> c) throws IOException {
        guard.enter();
        try {
            return ConflictRetry.run(what, c);
        } finally {
            guard.exit();
        }
    }

    /** The chunk size this store was formatted with. */
    public int chunkSize() {
        return cx.chunks.chunkSize();
    }

    /** Bytes of UNSTABLE data held in memory now. */
    public long dirtyBytes() {
        return cx.dirty.used();
    }

    @Override
    public List<BackendMetric> metrics() {
        List<BackendMetric> all = new java.util.ArrayList<>(List.of(
                BackendMetric.gauge("kv_dirty_bytes", "UNSTABLE data held in memory until COMMIT or write-back "
                        + "(at most --dirty-limit).", cx.dirty::used),
                BackendMetric.counter("kv_jukebox_replies_total", "Writes answered NFS3ERR_JUKEBOX because the dirty "
                        + "data stayed at --dirty-limit after write-back (the client retries).", cx.dirty::refusals),
                BackendMetric.gauge("kv_inodes_used", "Inodes in use.", cx.liveInodes::get)));
        for (BackendMetric m : cx.store.metrics()) {
            all.add(new BackendMetric(m.name(), m.help(), m.kind(), () -> whileOpen(m.value())));
        }
        return List.copyOf(all);
    }

    /** An engine's number, or -1 once the store is closed (its native handles are gone then). */
    private long whileOpen(java.util.function.LongSupplier engineValue) {
        try {
            guard.enter();
        } catch (NfsException closed) {
            return -1;
        }
        try {
            return engineValue.getAsLong();
        } finally {
            guard.exit();
        }
    }

    @Override
    public FileHandle root() {
        return root;
    }

    @Override
    public FileAttributes getattr(FileHandle object) throws IOException {
        return call("getattr", () -> attributes.getattr(object));
    }

    @Override
    public WccData setattr(FileHandle object, SetAttributes attrs, Long guardCtimeNanos) throws IOException {
        return call("setattr", () -> attributes.setattr(object, attrs, guardCtimeNanos));
    }

    @Override
    public LookupResult lookup(FileHandle dir, FileName name) throws IOException {
        return call("lookup", () -> lister.lookup(dir, name));
    }

    @Override
    public byte[] readlink(FileHandle symlink) throws IOException {
        return call("readlink", () -> lister.readlink(symlink));
    }

    @Override
    public ReadResult read(FileHandle file, long offset, int count, ByteBuffer destination) throws IOException {
        guard.enter();
        try {
            return data.reader().read(file, offset, count, destination);
        } finally {
            guard.exit();
        }
    }

    @Override
    public WriteResult write(FileHandle file, long offset, ByteBuffer[] bytes, StableHow stability) throws IOException {
        return call("write", () -> data.write(file, offset, bytes, stability));
    }

    @Override
    public WccData commit(FileHandle file, long offset, int count) throws IOException {
        return call("commit", () -> data.commit(file));
    }

    @Override
    public long writeVerifier() {
        return cx.writeVerifier();
    }

    @Override
    public CreateResult create(FileHandle dir, FileName name, CreateMode mode, SetAttributes attrs, long verifier)
            throws IOException {
        return call("create", () -> creator.create(dir, name, mode, attrs, verifier));
    }

    @Override
    public CreateResult mkdir(FileHandle dir, FileName name, SetAttributes attrs) throws IOException {
        return call("mkdir", () -> creator.mkdir(dir, name, attrs));
    }

    @Override
    public CreateResult symlink(FileHandle dir, FileName name, byte[] target, SetAttributes attrs) throws IOException {
        return call("symlink", () -> creator.symlink(dir, name, target, attrs));
    }

    @Override
    public CreateResult mknod(FileHandle dir, FileName name, FileType type, SetAttributes attrs, int rdevMajor,
                              int rdevMinor) throws IOException {
        return call("mknod", () -> creator.mknod(dir, name, type, attrs, rdevMajor, rdevMinor));
    }

    @Override
    public WccData remove(FileHandle dir, FileName name) throws IOException {
        return call("remove", () -> remover.remove(dir, name, false));
    }

    @Override
    public WccData rmdir(FileHandle dir, FileName name) throws IOException {
        return call("rmdir", () -> remover.remove(dir, name, true));
    }

    @Override
    public RenameResult rename(FileHandle fromDir, FileName fromName, FileHandle toDir, FileName toName)
            throws IOException {
        return call("rename", () -> remover.rename(fromDir, fromName, toDir, toName));
    }

    @Override
    public LinkResult link(FileHandle file, FileHandle dir, FileName name) throws IOException {
        return call("link", () -> creator.link(file, dir, name));
    }

    @Override
    public DirListing readdir(FileHandle dir, long cookie, long cookieVerifier, boolean withAttributes,
                              EntryBudget budget) throws IOException {
        return call("readdir", () -> lister.readdir(dir, cookie, cookieVerifier, withAttributes, budget));
    }

    @Override
    public FsStat fsstat(FileHandle object) throws IOException {
        guard.enter();
        try {
            cx.inodes.unpin(cx.pin(object));
            long total;
            long free;
            long avail;
            if (cx.space.capacity() > 0) {
                total = cx.space.capacity();
                free = Math.max(0, Math.min(total, total - cx.space.used()));
                avail = free;
            } else if (cx.store.capacityBytes() > 0) {
                // A store with a quota of its own (etcd): that is the capacity, its database size the use.
                total = cx.store.capacityBytes();
                free = Math.max(0, total - cx.store.storedBytes() - cx.dirty.used());
                avail = free;
            } else {
                FileStore fs = Files.getFileStore(config.directory());
                // UNSTABLE data in memory will need disk space too.
                long pending = cx.dirty.used();
                // Removed and overwritten data stays in the engine's files until a compaction;
                // it is free as far as clients are concerned (df drops when a file is removed).
                long reclaimable = Math.max(0, cx.store.storedBytes() - cx.space.used());
                total = fs.getTotalSpace();
                free = Math.max(0, Math.min(fs.getUnallocatedSpace() + reclaimable, total) - pending);
                avail = Math.max(0, Math.min(fs.getUsableSpace() + reclaimable - pending, free));
            }
            long freeFiles = free / BYTES_PER_INODE;
            long live = Math.max(0, cx.liveInodes.get());
            return new FsStat(total, free, avail, live + freeFiles, freeFiles, avail / BYTES_PER_INODE, 0);
        } finally {
            guard.exit();
        }
    }

    @Override
    public FsInfo fsinfo(FileHandle object) throws IOException {
        return new FsInfo(KvContext.MAX_FILE_SIZE, 1, true, true, true);
    }

    @Override
    public PathConf pathconf(FileHandle object) throws IOException {
        return new PathConf(KvContext.LINK_MAX, FileName.MAX_BYTES, true, true, false, true);
    }

    /** Stores all dirty data, syncs, and releases the store and its lock. */
    @Override
    public void close() throws IOException {
        if (!guard.close()) {
            return;
        }
        try {
            data.flushAll();
        } finally {
            directory.close();
            LOG.info("closed kv store {}", directory.location());
        }
    }

    /**
     * Simulates a process crash for tests: releases the store without writing dirty data, as
     * {@code kill -9} would (unsynced writes already in the engine survive, as they do then).
     */
    void crash() throws IOException {
        if (guard.close()) {
            directory.close();
        }
    }
}
