package org.pmnfs.kv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.pmnfs.vfs.NfsIoException;
import org.pmnfs.vfs.NoSpcException;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Status;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RocksDB engine behind {@link KvStore}: one default column family, a WAL synced only when
 * asked, large values in blob files, and RocksDB's own log routed to SLF4J (so opening writes no
 * LOG file). Every native handle is owned here and closed in reverse order of creation.
 */
final class RocksKvStore implements KvStore {

    private static final Logger LOG = LoggerFactory.getLogger(RocksKvStore.class);

    /** Values of at least this many bytes (data chunks) go to blob files, keeping the LSM tree small. */
    private static final long MIN_BLOB_BYTES = 2048;
    /** Memtable size: 64 MiB absorbs a burst of chunk writes before a flush. */
    private static final long WRITE_BUFFER_BYTES = 64L << 20;
    /** Written bytes after which the kernel is asked to start writing a log or table file out. */
    private static final long BACKGROUND_SYNC_BYTES = 1L << 20;
    /** Per-record overhead a WriteBatch adds beyond keys and values (tag and two varint lengths). */
    private static final int BATCH_RECORD_OVERHEAD = 12;
    /** Block cache for inode records, directory entries and index blocks. */
    private static final long BLOCK_CACHE_BYTES = 64L << 20;
    /**
     * A file write-back of at least this many chunk bytes skips the WAL and is made durable by a
     * memtable flush at COMMIT: below it, one WAL append and fdatasync cost less than a flush
     * (which syncs a table file, a blob file, the MANIFEST and the directory).
     */
    private static final long UNLOGGED_MIN_BYTES = 4L << 20;
    /**
     * Bytes per unlogged batch: small enough that one reused native batch holds it without
     * growing (a fresh 64 MiB batch page-faulted its whole buffer on every COMMIT).
     */
    private static final long UNLOGGED_BATCH_BYTES = 1L << 20;
    /** Reused native batches kept for unlogged writes; more concurrent writers allocate their own. */
    private static final int SPARE_BATCHES = 4;

    static {
        RocksDB.loadLibrary();
    }

    /** How to open the directory. */
    enum Mode {
        /** The directory must hold a RocksDB database; read and write. */
        EXISTING,
        /** Create a new database; fail if one exists. */
        CREATE,
        /** Read only (the checker): nothing on disk changes, the WAL is replayed in memory. */
        READ_ONLY
    }

    private final Path directory;
    private final boolean readOnly;
    /** Resources in creation order; {@link #close()} releases them in reverse. */
    private final List<AutoCloseable> resources;
    private final RocksDB db;
    private final WriteOptions syncWrite;
    private final WriteOptions asyncWrite;
    private final WriteOptions unloggedWrite;
    private final FlushOptions persistFlush;
    /** Cleared native batches for unlogged writes, at most {@link #SPARE_BATCHES}; closed with the store. */
    private final java.util.concurrent.ConcurrentLinkedQueue<WriteBatch> spareBatches = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private RocksKvStore(Path directory, boolean readOnly, List<AutoCloseable> resources, RocksDB db,
                         WriteOptions syncWrite, WriteOptions asyncWrite, WriteOptions unloggedWrite, FlushOptions persistFlush) {
        this.directory = directory;
        this.readOnly = readOnly;
        this.resources = resources;
        this.db = db;
        this.syncWrite = syncWrite;
        this.asyncWrite = asyncWrite;
        this.unloggedWrite = unloggedWrite;
        this.persistFlush = persistFlush;
        // Closed before the database (resources close in reverse order).
        resources.add(() -> {
            for (WriteBatch b; (b = spareBatches.poll()) != null; ) {
                b.close();
            }
        });
    }

    /** Opens (or creates) the database in {@code directory}; all or nothing. */
    static RocksKvStore open(Path directory, Mode mode) throws IOException {
        List<AutoCloseable> resources = new ArrayList<>();
        boolean success = false;
        try {
            Options options = own(resources, new Options());
            RocksLogBridge logger = own(resources, new RocksLogBridge(InfoLogLevel.WARN_LEVEL));
            LRUCache cache = own(resources, new LRUCache(BLOCK_CACHE_BYTES));
            BloomFilter bloom = own(resources, new BloomFilter(10));
            BlockBasedTableConfig table = new BlockBasedTableConfig()
                    .setBlockCache(cache)
                    .setFilterPolicy(bloom)
                    .setCacheIndexAndFilterBlocks(true);
            options.setCreateIfMissing(mode == Mode.CREATE)
                    .setErrorIfExists(mode == Mode.CREATE)
                    .setLogger(logger)
                    .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
                    .setKeepLogFileNum(1)
                    .setStatsDumpPeriodSec(0)
                    .setWriteBufferSize(WRITE_BUFFER_BYTES)
                    .setMaxWriteBufferNumber(4)
                    .setMaxBackgroundJobs(2)
                    // The leader of a write group inserts the whole group into the memtable
                    // itself, instead of waking every writer to insert its own batch in
                    // parallel: on few cores the wake-ups cost more than the parallel inserts
                    // save (about 10 % less server CPU per CREATE and REMOVE over NFS, measured).
                    // Durability is unchanged: the group's WAL record is written and synced first.
                    .setAllowConcurrentMemtableWrite(false)
                    // No preallocation: disk usage (FSSTAT) then follows what was written.
                    .setAllowFAllocate(false)
                    // Replay the log into memory at open instead of flushing it: a store that hit a
                    // full disk then reopens without first needing the log's size again.
                    .setAvoidFlushDuringRecovery(true)
                    // Let the kernel write the log and tables out as they grow, so the fsync of a
                    // COMMIT finds little left to flush.
                    .setWalBytesPerSync(BACKGROUND_SYNC_BYTES)
                    .setBytesPerSync(BACKGROUND_SYNC_BYTES)
                    .setCompressionType(CompressionType.NO_COMPRESSION)
                    .setEnableBlobFiles(true)
                    .setMinBlobSize(MIN_BLOB_BYTES)
                    .setBlobCompressionType(CompressionType.NO_COMPRESSION)
                    .setEnableBlobGarbageCollection(true)
                    .setTableFormatConfig(table);
            RocksDB db = own(resources, mode == Mode.READ_ONLY
                    ? RocksDB.openReadOnly(options, directory.toString())
                    : RocksDB.open(options, directory.toString()));
            WriteOptions syncWrite = own(resources, new WriteOptions().setSync(true));
            WriteOptions asyncWrite = own(resources, new WriteOptions().setSync(false));
            WriteOptions unloggedWrite = own(resources, new WriteOptions().setDisableWAL(true));
            // Wait until the flush is installed; never wait for room first (a COMMIT must not
            // stall behind compaction more than the flush itself takes).
            FlushOptions persistFlush = own(resources, new FlushOptions().setWaitForFlush(true).setAllowWriteStall(true));
            RocksKvStore store = new RocksKvStore(directory, mode == Mode.READ_ONLY, resources, db, syncWrite, asyncWrite,
                    unloggedWrite, persistFlush);
            success = true;
            LOG.debug("opened RocksDB {} at {} ({})", RocksDB.rocksdbVersion(), directory, mode);
            return store;
        } catch (RocksDBException e) {
            throw translate("open " + directory, e);
        } finally {
            if (!success) {
                closeAll(resources, null);
            }
        }
    }

    @Override
    public List<org.pmnfs.vfs.BackendMetric> metrics() {
        return List.of(org.pmnfs.vfs.BackendMetric.gauge("kv_compaction_backlog_bytes", "RocksDB engine: bytes RocksDB "
                + "estimates its compaction still has to rewrite (estimate-pending-compaction-bytes; RocksDB slows "
                + "writes down when it grows); -1 when it cannot be read.", this::compactionBacklogBytes));
    }

    private long compactionBacklogBytes() {
        try {
            return db.getLongProperty("rocksdb.estimate-pending-compaction-bytes");
        } catch (RocksDBException e) {
            return -1;
        }
    }

    @Override
    public long storedBytes() throws IOException {
        // The directory holds only RocksDB's files: tables, blob files, the log and the manifest.
        try (Stream<Path> files = Files.list(directory)) {
            long total = 0;
            for (Path f : (Iterable<Path>) files::iterator) {
                try {
                    total += Files.size(f);
                } catch (NoSuchFileException deletedMeanwhile) {
                    // a compaction removed it between list and size
                }
            }
            return total;
        }
    }

    private static <T extends AutoCloseable> T own(List<AutoCloseable> resources, T resource) {
        resources.add(resource);
        return resource;
    }

    @Override
    public byte[] get(byte[] key) throws IOException {
        try {
            return db.get(key);
        } catch (RocksDBException e) {
            throw fail("get", e);
        }
    }

    @Override
    public Versioned getVersioned(byte[] key) throws IOException {
        return new Versioned(get(key), 0, 0);
    }

    /** One process holds the store (the marker's lock): never shared. */
    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public int maxBatchOps() {
        return Integer.MAX_VALUE;
    }

    @Override
    public long maxBatchBytes() {
        return Integer.MAX_VALUE;
    }

    @Override
    public long capacityBytes() {
        return 0;
    }

    @Override
    public void put(byte[] key, byte[] value, boolean sync) throws IOException {
        try {
            db.put(sync ? syncWrite : asyncWrite, key, value);
        } catch (RocksDBException e) {
            throw fail("put of " + value.length + " bytes", e);
        }
    }

    @Override
    public void delete(byte[] key, boolean sync) throws IOException {
        try {
            db.delete(sync ? syncWrite : asyncWrite, key);
        } catch (RocksDBException e) {
            throw fail("delete", e);
        }
    }

    @Override
    public void scan(byte[] fromInclusive, byte[] toExclusive, KvVisitor visitor) throws IOException {
        try (Slice upper = new Slice(toExclusive);
             ReadOptions bounded = new ReadOptions().setIterateUpperBound(upper);
             RocksIterator it = db.newIterator(bounded)) {
            for (it.seek(fromInclusive); it.isValid(); it.next()) {
                if (!visitor.visit(it.key(), it.value())) {
                    return;
                }
            }
            it.status();
        } catch (RocksDBException e) {
            throw fail("scan", e);
        }
    }

    @Override
    public long write(KvBatch batch, boolean sync) throws IOException {
        if (!batch.conditions().isEmpty()) {
            throw new IllegalArgumentException("a RocksDB store is never shared: its batches carry no conditions");
        }
        if (batch.isEmpty()) {
            if (sync) {
                sync();
            }
            return 0;
        }
        // Reserve the batch's full size: growing a multi-MiB batch by doubling would copy it again and again.
        try (WriteBatch wb = new WriteBatch(reserve(batch))) {
            fill(wb, batch);
            db.write(sync ? syncWrite : asyncWrite, wb);
            return 0;
        } catch (RocksDBException e) {
            throw fail("batch of " + batch.size() + " operations, " + batch.bytes() + " bytes", e);
        }
    }

    private static int reserve(KvBatch batch) {
        long reserve = batch.bytes() + (long) BATCH_RECORD_OVERHEAD * batch.size() + BATCH_RECORD_OVERHEAD;
        return (int) Math.min(reserve, Integer.MAX_VALUE);
    }

    private static void fill(WriteBatch wb, KvBatch batch) throws RocksDBException {
        for (KvBatch.Op op : batch.ops()) {
            switch (op.kind()) {
                case PUT -> wb.put(op.key(), op.second());
                case DELETE -> wb.delete(op.key());
                case DELETE_RANGE -> wb.deleteRange(op.key(), op.second());
            }
        }
    }

    @Override
    public long unloggedMinBytes() {
        return UNLOGGED_MIN_BYTES;
    }

    @Override
    public long unloggedBatchBytes() {
        return UNLOGGED_BATCH_BYTES;
    }

    /** A write with {@code disableWAL}, through a reused native batch (its buffer keeps its size across {@code clear}). */
    @Override
    public long writeUnlogged(KvBatch batch) throws IOException {
        if (!batch.conditions().isEmpty()) {
            throw new IllegalArgumentException("a RocksDB store is never shared: its batches carry no conditions");
        }
        if (batch.isEmpty()) {
            return 0;
        }
        WriteBatch wb = spareBatches.poll();
        if (wb == null) {
            wb = new WriteBatch(reserve(batch));
        }
        try {
            fill(wb, batch);
            db.write(unloggedWrite, wb);
            return 0;
        } catch (RocksDBException e) {
            throw fail("unlogged batch of " + batch.size() + " operations, " + batch.bytes() + " bytes", e);
        } finally {
            wb.clear();
            if (spareBatches.size() < SPARE_BATCHES) {
                spareBatches.add(wb);
            } else {
                wb.close();
            }
        }
    }

    /**
     * Flushes the memtables: the flush writes and syncs a table file and a blob file, then
     * records them in the synced MANIFEST (and syncs the directory), so every write before this
     * call, logged or not, is on stable storage when it returns.
     */
    @Override
    public void persist() throws IOException {
        if (readOnly) {
            return;
        }
        try {
            db.flush(persistFlush);
        } catch (RocksDBException e) {
            throw fail("memtable flush", e);
        }
    }

    @Override
    public void sync() throws IOException {
        if (readOnly) {
            return;
        }
        try {
            db.flushWal(true);
        } catch (RocksDBException e) {
            throw fail("WAL sync", e);
        }
    }

    @Override
    public void close() throws IOException {
        IOException failure = closeAll(resources, null);
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes in reverse order, carrying on after failures and keeping them as suppressed. */
    private static IOException closeAll(List<AutoCloseable> resources, IOException failure) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new NfsIoException("closing RocksDB resources failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        resources.clear();
        return failure;
    }

    private IOException fail(String what, RocksDBException e) {
        return translate(what + " in " + directory, e);
    }

    /** A full disk becomes NOSPC; anything else an I/O error naming the operation and RocksDB's status. */
    static IOException translate(String what, RocksDBException e) {
        Status status = e.getStatus();
        if (status != null && status.getSubCode() == Status.SubCode.NoSpace) {
            return new NoSpcException("no space left for " + what + ": " + e.getMessage()
                    + " (free space on the file system holding the store)", e);
        }
        String code = status == null ? "" : " [" + status.getCode() + "/" + status.getSubCode() + "]";
        return new NfsIoException("RocksDB " + what + " failed" + code + ": " + e.getMessage(), e);
    }
}
