package org.pmnfs.pmem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.pmnfs.pmem.layout.InodeLayout;
import org.pmnfs.pmem.layout.RadixLayout;
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
import org.pmnfs.vfs.LinkResult;
import org.pmnfs.vfs.LookupResult;
import org.pmnfs.vfs.NfsIoException;
import org.pmnfs.vfs.OpenGuard;
import org.pmnfs.vfs.PathConf;
import org.pmnfs.vfs.ReadResult;
import org.pmnfs.vfs.RenameResult;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.StableHow;
import org.pmnfs.vfs.WccData;
import org.pmnfs.vfs.WriteResult;

/**
 * The pmem backend: a PMFS2-layout file system on a persistent-memory pool, served through the
 * {@link FileSystemBackend} seam. A facade: it tracks calls in flight (so {@link #close()} waits
 * for them) and delegates to one class per group of operations.
 */
public final class PmemBackend implements FileSystemBackend {

    private final PmemFs fs;
    private final AttrOps attrOps;
    private final FileIo io;
    private final CreateOps createOps;
    private final RemoveOps removeOps;
    private final RenameOps renameOps;
    private final DirOps dirOps;
    private final FileHandle root;
    private final OpenGuard guard;
    /** The pool is memory: mapped with MAP_SYNC (DAX), test memory, or a file on tmpfs/ramfs. */
    private final boolean fromMemory;

    private PmemBackend(PmemFs fs, boolean ramFile) {
        this.fs = fs;
        this.guard = new OpenGuard(() -> new NfsIoException("pmem backend on " + fs.dev.name() + " is closed"));
        this.fromMemory = ramFile || fs.dev.mappingMode() != MappingMode.MSYNC;
        this.attrOps = new AttrOps(fs);
        this.io = new FileIo(fs);
        this.createOps = new CreateOps(fs, attrOps);
        this.removeOps = new RemoveOps(fs);
        this.renameOps = new RenameOps(fs, removeOps);
        this.dirOps = new DirOps(fs, removeOps);
        this.root = fs.handle(InodeLayout.ROOT_INO, fs.inodeOffset(InodeLayout.ROOT_INO));
    }

    /**
     * Opens (and with {@link PmemConfig#createSize()} creates) the pool. Bad pools are refused
     * with a {@link PoolException} naming the problem, before anything is written.
     */
    public static PmemBackend open(PmemConfig config) throws IOException {
        return new PmemBackend(Mount.open(config), PoolFile.onRamFileSystem(config.device()));
    }

    /** Mounts an already open device (tests and benchmarks of the engine). */
    static PmemBackend mount(PmemFs fs) {
        return new PmemBackend(fs, false);
    }

    /** How the pool is mapped (MAP_SYNC or the msync fallback). */
    public MappingMode mappingMode() {
        return fs.dev.mappingMode();
    }

    PmemFs fs() {
        return fs;
    }

    @Override
    public List<BackendMetric> metrics() {
        return PmemMetrics.of(fs);
    }

    @Override
    public FileHandle root() {
        return root;
    }

    @Override
    public FileAttributes getattr(FileHandle object) throws IOException {
        guard.enter();
        try {
            return attrOps.getattr(object);
        } finally {
            guard.exit();
        }
    }

    @Override
    public WccData setattr(FileHandle object, SetAttributes attributes, Long guardCtimeNanos) throws IOException {
        guard.enter();
        try {
            return attrOps.setattr(object, attributes, guardCtimeNanos);
        } finally {
            guard.exit();
        }
    }

    @Override
    public LookupResult lookup(FileHandle directory, FileName name) throws IOException {
        guard.enter();
        try {
            return dirOps.lookup(directory, name);
        } finally {
            guard.exit();
        }
    }

    @Override
    public byte[] readlink(FileHandle symlink) throws IOException {
        guard.enter();
        try {
            return attrOps.readlink(symlink);
        } finally {
            guard.exit();
        }
    }

    @Override
    public ReadResult read(FileHandle file, long offset, int count, ByteBuffer destination) throws IOException {
        guard.enter();
        try {
            return io.read(file, offset, count, destination);
        } finally {
            guard.exit();
        }
    }

    @Override
    public WriteResult write(FileHandle file, long offset, ByteBuffer[] data, StableHow stability) throws IOException {
        guard.enter();
        try {
            return io.write(file, offset, data, stability);
        } finally {
            guard.exit();
        }
    }

    @Override
    public WccData commit(FileHandle file, long offset, int count) throws IOException {
        guard.enter();
        try {
            return io.commit(file, offset, count);
        } finally {
            guard.exit();
        }
    }

    @Override
    public long writeVerifier() {
        return fs.writeVerifier;
    }

    /**
     * True on DAX (MAP_SYNC) and on a pool file in RAM (tmpfs, ramfs), where reads and UNSTABLE
     * overwrites are plain memory copies and a persist costs microseconds; false for a pool file
     * on a disk, whose msync (and first touch of a page) waits for the disk.
     */
    @Override
    public boolean answersFromMemory() {
        return fromMemory;
    }

    @Override
    public CreateResult create(FileHandle directory, FileName name, CreateMode mode, SetAttributes attributes, long verifier)
            throws IOException {
        guard.enter();
        try {
            return createOps.create(directory, name, mode, attributes, verifier);
        } finally {
            guard.exit();
        }
    }

    @Override
    public CreateResult mkdir(FileHandle directory, FileName name, SetAttributes attributes) throws IOException {
        guard.enter();
        try {
            return createOps.mkdir(directory, name, attributes);
        } finally {
            guard.exit();
        }
    }

    @Override
    public CreateResult symlink(FileHandle directory, FileName name, byte[] target, SetAttributes attributes)
            throws IOException {
        guard.enter();
        try {
            return createOps.symlink(directory, name, target, attributes);
        } finally {
            guard.exit();
        }
    }

    @Override
    public CreateResult mknod(FileHandle directory, FileName name, FileType type, SetAttributes attributes, int rdevMajor,
                              int rdevMinor) throws IOException {
        guard.enter();
        try {
            return createOps.mknod(directory, name, type, attributes, rdevMajor, rdevMinor);
        } finally {
            guard.exit();
        }
    }

    @Override
    public WccData remove(FileHandle directory, FileName name) throws IOException {
        guard.enter();
        try {
            return removeOps.remove(directory, name);
        } finally {
            guard.exit();
        }
    }

    @Override
    public WccData rmdir(FileHandle directory, FileName name) throws IOException {
        guard.enter();
        try {
            return removeOps.rmdir(directory, name);
        } finally {
            guard.exit();
        }
    }

    @Override
    public RenameResult rename(FileHandle fromDirectory, FileName fromName, FileHandle toDirectory, FileName toName)
            throws IOException {
        guard.enter();
        try {
            return renameOps.rename(fromDirectory, fromName, toDirectory, toName);
        } finally {
            guard.exit();
        }
    }

    @Override
    public LinkResult link(FileHandle file, FileHandle directory, FileName name) throws IOException {
        guard.enter();
        try {
            return createOps.link(file, directory, name);
        } finally {
            guard.exit();
        }
    }

    @Override
    public DirListing readdir(FileHandle directory, long cookie, long cookieVerifier, boolean withAttributes,
                              EntryBudget budget) throws IOException {
        guard.enter();
        try {
            return dirOps.readdir(directory, cookie, cookieVerifier, withAttributes, budget);
        } finally {
            guard.exit();
        }
    }

    /** Space in 4 KiB data-area blocks; files: live inodes plus free slots plus 32 per free block (table growth). */
    @Override
    public FsStat fsstat(FileHandle object) throws IOException {
        guard.enter();
        try {
            attrOps.getattr(object);
            long block = org.pmnfs.pmem.layout.OnMedia.BLOCK_SIZE;
            long total = fs.alloc.dataBlocks() * block;
            long free = fs.alloc.freeBlocks() * block;
            long freeFiles = fs.freeInodes();
            long totalFiles = fs.itable.liveCount() + freeFiles;
            return new FsStat(total, free, free, totalFiles, freeFiles, freeFiles, 0);
        } finally {
            guard.exit();
        }
    }

    @Override
    public FsInfo fsinfo(FileHandle object) throws IOException {
        guard.enter();
        try {
            attrOps.getattr(object);
            return new FsInfo(RadixLayout.MAX_FILE_SIZE, 1, true, true, true);
        } finally {
            guard.exit();
        }
    }

    @Override
    public PathConf pathconf(FileHandle object) throws IOException {
        guard.enter();
        try {
            attrOps.getattr(object);
            return new PathConf(InodeLayout.LINK_MAX, FileName.MAX_BYTES, true, true, false, true);
        } finally {
            guard.exit();
        }
    }

    /** Waits for calls in flight, then closes cleanly (UNSTABLE data persisted, snapshot, clean flag). */
    @Override
    public void close() throws IOException {
        if (guard.close()) {
            fs.close();
        }
    }
}
