package org.pmnfs.memory;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
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
import org.pmnfs.vfs.LinkResult;
import org.pmnfs.vfs.LookupResult;
import org.pmnfs.vfs.NanoClock;
import org.pmnfs.vfs.NfsException;
import org.pmnfs.vfs.NfsIoException;
import org.pmnfs.vfs.PathConf;
import org.pmnfs.vfs.ReadResult;
import org.pmnfs.vfs.RenameResult;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.StableHow;
import org.pmnfs.vfs.WccData;
import org.pmnfs.vfs.WriteResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --backend memory}: a file system held in the JVM heap and lost at exit, like a tmpfs
 * export. A facade over {@link MemoryNamespace}, {@link MemoryRenamer} and {@link MemoryFileIo}.
 *
 * <p>Handles are {@link org.pmnfs.vfs.HandleCodec} handles of kind MEMORY with a random fsid per
 * instance, so after a restart every old handle is stale, and the write verifier changes too.
 * The capacity (data and metadata) bounds the heap the store can take; past it, NFS3ERR_NOSPC.
 *
 * <p>Concurrency: each inode has a read-write lock; there is no global lock on the data path.
 * Lock order, which every operation follows: the rename lock (renames between directories
 * only), then directories with ancestors before descendants, then the non-directory or child
 * whose link count changes. Attribute reads take no lock (see {@link MemoryInode}).
 */
public final class MemoryBackend implements FileSystemBackend {

    private static final Logger LOG = LoggerFactory.getLogger(MemoryBackend.class);

    private final MemoryStore store;
    private final MemoryNamespace namespace;
    private final MemoryRenamer renamer;
    private final MemoryFileIo io;
    private final long writeVerifier;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A new, empty store sized by {@code config}, with times from {@code clock}. */
    public MemoryBackend(MemoryBackendConfig config, Clock clock) {
        Objects.requireNonNull(config, "config");
        SecureRandom random = new SecureRandom();
        long fsid = random.nextLong();
        long verifier = random.nextLong();
        this.writeVerifier = verifier == 0 ? 1 : verifier;
        try {
            this.store = new MemoryStore(config, new NanoClock(Objects.requireNonNull(clock, "clock")), fsid,
                    random.nextLong());
        } catch (NfsException e) {
            throw new IllegalArgumentException("memory store: capacity " + config.capacityBytes()
                    + " bytes cannot hold the root directory", e);
        }
        this.namespace = new MemoryNamespace(store);
        this.renamer = new MemoryRenamer(store, namespace);
        this.io = new MemoryFileIo(store);
        LOG.info("memory store ready: capacity {} bytes, block size {} bytes, fsid {}", config.capacityBytes(),
                config.blockSize(), Long.toHexString(fsid));
    }

    /** A new, empty store with times from the system clock. */
    public MemoryBackend(MemoryBackendConfig config) {
        this(config, Clock.systemUTC());
    }

    private void ensureOpen() throws NfsIoException {
        if (closed.get()) {
            throw new NfsIoException("the memory store is closed");
        }
    }

    @Override
    public FileHandle root() {
        return store.root.handle();
    }

    @Override
    public FileAttributes getattr(FileHandle object) throws NfsException {
        ensureOpen();
        return io.getattr(object);
    }

    @Override
    public WccData setattr(FileHandle object, SetAttributes attributes, Long guardCtimeNanos) throws NfsException {
        ensureOpen();
        return io.setattr(object, attributes, guardCtimeNanos);
    }

    @Override
    public LookupResult lookup(FileHandle directory, FileName name) throws NfsException {
        ensureOpen();
        return namespace.lookup(directory, name);
    }

    @Override
    public byte[] readlink(FileHandle symlink) throws NfsException {
        ensureOpen();
        return io.readlink(symlink);
    }

    @Override
    public ReadResult read(FileHandle file, long offset, int count, ByteBuffer destination) throws NfsException {
        ensureOpen();
        return io.read(file, offset, count, destination);
    }

    @Override
    public WriteResult write(FileHandle file, long offset, ByteBuffer[] data, StableHow stability) throws NfsException {
        ensureOpen();
        return io.write(file, offset, data, stability);
    }

    @Override
    public WccData commit(FileHandle file, long offset, int count) throws NfsException {
        ensureOpen();
        return io.commit(file, offset, count);
    }

    @Override
    public long writeVerifier() {
        return writeVerifier;
    }

    /** Everything is in RAM. */
    @Override
    public boolean answersFromMemory() {
        return true;
    }

    @Override
    public CreateResult create(FileHandle directory, FileName name, CreateMode mode, SetAttributes attributes,
                               long verifier) throws NfsException {
        ensureOpen();
        return namespace.create(directory, name, mode, attributes, verifier);
    }

    @Override
    public CreateResult mkdir(FileHandle directory, FileName name, SetAttributes attributes) throws NfsException {
        ensureOpen();
        return namespace.mkdir(directory, name, attributes);
    }

    @Override
    public CreateResult symlink(FileHandle directory, FileName name, byte[] target, SetAttributes attributes)
            throws NfsException {
        ensureOpen();
        return namespace.symlink(directory, name, target, attributes);
    }

    @Override
    public CreateResult mknod(FileHandle directory, FileName name, FileType type, SetAttributes attributes,
                              int rdevMajor, int rdevMinor) throws NfsException {
        ensureOpen();
        return namespace.mknod(directory, name, type, attributes, rdevMajor, rdevMinor);
    }

    @Override
    public WccData remove(FileHandle directory, FileName name) throws NfsException {
        ensureOpen();
        return namespace.remove(directory, name);
    }

    @Override
    public WccData rmdir(FileHandle directory, FileName name) throws NfsException {
        ensureOpen();
        return namespace.rmdir(directory, name);
    }

    @Override
    public RenameResult rename(FileHandle fromDirectory, FileName fromName, FileHandle toDirectory, FileName toName)
            throws NfsException {
        ensureOpen();
        return renamer.rename(fromDirectory, fromName, toDirectory, toName);
    }

    @Override
    public LinkResult link(FileHandle file, FileHandle directory, FileName name) throws NfsException {
        ensureOpen();
        return namespace.link(file, directory, name);
    }

    @Override
    public DirListing readdir(FileHandle directory, long cookie, long cookieVerifier, boolean withAttributes,
                              EntryBudget budget) throws NfsException {
        ensureOpen();
        return namespace.readdir(directory, cookie, cookieVerifier, withAttributes, budget);
    }

    @Override
    public FsStat fsstat(FileHandle object) throws NfsException {
        ensureOpen();
        store.resolve(object);
        long capacity = store.space.capacity();
        long free = store.space.free();
        long files = capacity / SpaceAccount.INODE_BYTES;
        long freeFiles = free / SpaceAccount.INODE_BYTES;
        return new FsStat(capacity, free, free, files, freeFiles, freeFiles, 0);
    }

    @Override
    public FsInfo fsinfo(FileHandle object) throws NfsException {
        ensureOpen();
        store.resolve(object);
        return new FsInfo(MemoryStore.MAX_FILE_SIZE, MemoryStore.TIME_DELTA_NANOS, true, true, true);
    }

    @Override
    public PathConf pathconf(FileHandle object) throws NfsException {
        ensureOpen();
        store.resolve(object);
        return new PathConf(MemoryStore.LINK_MAX, FileName.MAX_BYTES, true, true, false, true);
    }

    /** Drops every object and its data; later calls fail with NFS3ERR_IO. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long used = store.space.used();
        int objects = store.inodes.liveCount();
        store.freeAll();
        LOG.info("memory store closed: dropped {} objects and {} bytes", objects, used);
    }

    /** Bytes the store holds now (data and metadata), for tests and tools. */
    long usedBytes() {
        return store.space.used();
    }
}
