package org.pmnfs.kv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a store directory safely: checks the marker file and its format version before the
 * engine touches anything, holds an exclusive lock on the marker for the life of the store, and
 * formats an empty directory. A refused directory is left exactly as it was.
 *
 * <pre>
 * DIR/PMNFS-KV   marker: "pmnfs kv store" and "format-version=N"; locked while the store is open
 * DIR/db/        the engine's files (RocksDB)
 * </pre>
 */
final class StoreDirectory implements OpenedStore {

    private static final Logger LOG = LoggerFactory.getLogger(StoreDirectory.class);

    static final String MARKER = "PMNFS-KV";
    static final String MARKER_NEW = "PMNFS-KV.new";
    static final String ENGINE_DIR = "db";

    private final Path directory;
    private final FileChannel markerChannel;
    private final FileLock lock;
    private final KvStore store;
    private final FormatRecord format;

    private StoreDirectory(Path directory, FileChannel markerChannel, FileLock lock, KvStore store, FormatRecord format) {
        this.directory = directory;
        this.markerChannel = markerChannel;
        this.lock = lock;
        this.store = store;
        this.format = format;
    }

    @Override
    public KvStore store() {
        return store;
    }

    @Override
    public FormatRecord format() {
        return format;
    }

    @Override
    public String location() {
        return directory.toString();
    }

    Path directory() {
        return directory;
    }

    /**
     * Opens the store in {@code directory}, formatting it first when it is missing or empty and
     * {@code create} is set. {@code readOnly} opens for the checker.
     */
    static StoreDirectory open(Path directory, boolean create, int chunkSizeForNewStore, boolean readOnly,
                               InitialContent initial) throws IOException {
        Path dir = directory.toAbsolutePath().normalize();
        if (!Files.exists(dir)) {
            if (!create) {
                throw new KvStoreOpenException.NotAStore(dir, "no such directory");
            }
            Files.createDirectories(dir);
        }
        if (!Files.isDirectory(dir)) {
            throw new KvStoreOpenException.NotAStore(dir, "not a directory");
        }
        Path marker = dir.resolve(MARKER);
        if (!Files.exists(marker)) {
            long entries = countEntries(dir);
            if (entries == 0 && create && !readOnly) {
                return format(dir, chunkSizeForNewStore, initial);
            }
            throw new KvStoreOpenException.NotAStore(dir, entries == 0
                    ? "empty directory, and creating a store was not asked for"
                    : "holds " + entries + " entries but no " + MARKER + " marker file, so it is not a pmnfs kv store"
                    + " (a format that was interrupted leaves this too: then remove the directory and start again)");
        }
        return openExisting(dir, marker, readOnly);
    }

    private static StoreDirectory openExisting(Path dir, Path marker, boolean readOnly) throws IOException {
        FileChannel channel = FileChannel.open(marker, StandardOpenOption.READ, StandardOpenOption.WRITE);
        boolean success = false;
        try {
            FileLock lock = lock(dir, channel);
            StoreMarker found = readMarker(dir, channel);
            checkVersion(dir, found.version(), "marker file " + MARKER);
            if (!found.engine().equals(StoreMarker.ROCKSDB)) {
                throw new KvStoreOpenException.WrongEngine(dir.toString(), dir, found.engine(), StoreMarker.ROCKSDB);
            }
            Path engineDir = dir.resolve(ENGINE_DIR);
            if (!Files.isDirectory(engineDir)) {
                throw new KvStoreOpenException.NotAStore(dir, "marker present but the engine directory " + ENGINE_DIR
                        + "/ is missing");
            }
            // Check the format record read-only first: opening the engine for writing replays its
            // log and rewrites its manifest, which a refused store must not see.
            try (KvStore probe = RocksKvStore.open(engineDir, RocksKvStore.Mode.READ_ONLY)) {
                readFormat(dir, probe);
            }
            KvStore store = readOnly ? RocksKvStore.open(engineDir, RocksKvStore.Mode.READ_ONLY)
                    : RocksKvStore.open(engineDir, RocksKvStore.Mode.EXISTING);
            try {
                FormatRecord format = readFormat(dir, store);
                StoreDirectory opened = new StoreDirectory(dir, channel, lock, store, format);
                success = true;
                return opened;
            } finally {
                if (!success) {
                    store.close();
                }
            }
        } finally {
            if (!success) {
                channel.close();
            }
        }
    }

    private static FormatRecord readFormat(Path dir, KvStore store) throws IOException {
        FormatRecord format = FormatRecord.decode(store.get(KeyCodec.format()));
        if (format == null) {
            throw new KvStoreOpenException.NotAStore(dir, "the engine holds no pmnfs format record");
        }
        checkVersion(dir, format.version(), "format record");
        return format;
    }

    /** What a new store starts with (the root directory and counters), written in the format batch. */
    @FunctionalInterface
    interface InitialContent {
        void fill(KvBatch batch, FormatRecord format);
    }

    private static StoreDirectory format(Path dir, int chunkSize, InitialContent initial) throws IOException {
        // The .new marker is created exclusively first: it is our mutex against a concurrent format
        // and, if we crash, it makes the directory non-empty and unmarked, so it is refused.
        Path fresh = dir.resolve(MARKER_NEW);
        FileChannel channel;
        try {
            channel = FileChannel.open(fresh, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new KvStoreOpenException.Locked(dir, "another process is formatting it (" + MARKER_NEW + " exists)", e);
        }
        boolean success = false;
        KvStore store = null;
        try {
            FileLock lock = lock(dir, channel);
            long fsid = 0;
            SecureRandom random = new SecureRandom();
            while (fsid == 0) {
                fsid = random.nextLong();
            }
            FormatRecord format = new FormatRecord(FormatRecord.FORMAT_VERSION, chunkSize, fsid,
                    System.currentTimeMillis() * 1_000_000L);
            // 1. Create the engine and write the format record, root inode and counters in one
            //    synced batch. A crash here leaves db/ and the .new marker: refused as unmarked.
            //    (db/ is made first: RocksDB logs a missing directory at ERROR before creating it.)
            Files.createDirectories(dir.resolve(ENGINE_DIR));
            store = RocksKvStore.open(dir.resolve(ENGINE_DIR), RocksKvStore.Mode.CREATE);
            KvBatch batch = new KvBatch();
            batch.put(KeyCodec.format(), format.encode());
            initial.fill(batch, format);
            store.write(batch, true);
            // 2. Write and force the marker's contents, still under the .new name.
            byte[] text = new StoreMarker(format.version(), StoreMarker.ROCKSDB).encode();
            channel.write(ByteBuffer.wrap(text), 0);
            channel.force(true);
            // 3. Rename it into place and force the directory: from here on the store opens.
            //    Our lock follows the file, since the open channel keeps the same inode.
            Files.move(fresh, dir.resolve(MARKER), StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(dir);
            LOG.info("formatted kv store {} (fsid {}, chunk size {} bytes)", dir, Long.toHexString(fsid), chunkSize);
            StoreDirectory opened = new StoreDirectory(dir, channel, lock, store, format);
            success = true;
            return opened;
        } finally {
            if (!success) {
                if (store != null) {
                    store.close();
                }
                channel.close();
            }
        }
    }

    private static FileLock lock(Path dir, FileChannel channel) throws IOException {
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new KvStoreOpenException.Locked(dir, "locked by another running pmnfs process (" + MARKER
                        + " is locked); stop it first", null);
            }
            return lock;
        } catch (OverlappingFileLockException e) {
            throw new KvStoreOpenException.Locked(dir, "already open in this process", e);
        }
    }

    private static StoreMarker readMarker(Path dir, FileChannel channel) throws IOException {
        long size = channel.size();
        if (size > StoreMarker.MAX_BYTES) {
            throw new KvStoreOpenException.NotAStore(dir, MARKER + " has " + size + " bytes, more than a marker's "
                    + StoreMarker.MAX_BYTES);
        }
        ByteBuffer b = ByteBuffer.allocate((int) size);
        while (b.hasRemaining() && channel.read(b, b.position()) >= 0) {
            // read until full
        }
        try {
            return StoreMarker.decode(java.util.Arrays.copyOf(b.array(), b.position()));
        } catch (IllegalArgumentException e) {
            throw new KvStoreOpenException.NotAStore(dir, MARKER + ": " + e.getMessage(), e);
        }
    }

    private static void checkVersion(Path dir, int version, String where) throws KvStoreOpenException {
        String why = FormatRecord.unreadable(version, where);
        if (why != null) {
            throw new KvStoreOpenException.UnsupportedFormat(dir, version, why);
        }
    }

    private static long countEntries(Path dir) throws IOException {
        long n = 0;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path ignored : s) {
                n++;
            }
        } catch (NoSuchFileException e) {
            return 0;
        }
        return n;
    }

    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    /** Closes the engine, then releases the lock. */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        try {
            store.close();
        } catch (IOException e) {
            failure = e;
        }
        try {
            lock.release();
            markerChannel.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
