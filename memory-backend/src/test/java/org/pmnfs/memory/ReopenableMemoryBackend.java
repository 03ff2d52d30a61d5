package org.pmnfs.memory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
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
import org.pmnfs.vfs.PathConf;
import org.pmnfs.vfs.ReadResult;
import org.pmnfs.vfs.RenameResult;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.StableHow;
import org.pmnfs.vfs.WccData;
import org.pmnfs.vfs.WriteResult;

/**
 * A test double that makes a memory store look persistent: closing it only closes this view, and
 * {@link #reopen()} gives a new view of the same store with a new write verifier, as a restart of
 * a persistent backend would. It exists so the contract's persistence tests run in this module
 * and are known to pass against a store that keeps everything, before pmem and kv backends rely
 * on them.
 */
final class ReopenableMemoryBackend implements FileSystemBackend {

    private static final AtomicLong STARTS = new AtomicLong(1);

    private final MemoryBackend store;
    private final long writeVerifier = STARTS.getAndIncrement() * 0x9E37_79B9_7F4A_7C15L;
    private volatile boolean closed;

    ReopenableMemoryBackend(MemoryBackend store) {
        this.store = store;
    }

    /** A new view of the same store, as after a restart. */
    ReopenableMemoryBackend reopen() {
        if (!closed) {
            throw new IllegalStateException("reopen before close");
        }
        return new ReopenableMemoryBackend(store);
    }

    /** Really drops the store. */
    void destroy() {
        store.close();
    }

    private FileSystemBackend open() throws NfsIoException {
        if (closed) {
            throw new NfsIoException("this view of the store is closed");
        }
        return store;
    }

    @Override
    public FileHandle root() {
        return store.root();
    }

    @Override
    public FileAttributes getattr(FileHandle object) throws IOException {
        return open().getattr(object);
    }

    @Override
    public WccData setattr(FileHandle object, SetAttributes attributes, Long guard) throws IOException {
        return open().setattr(object, attributes, guard);
    }

    @Override
    public LookupResult lookup(FileHandle directory, FileName name) throws IOException {
        return open().lookup(directory, name);
    }

    @Override
    public byte[] readlink(FileHandle symlink) throws IOException {
        return open().readlink(symlink);
    }

    @Override
    public ReadResult read(FileHandle file, long offset, int count, ByteBuffer destination) throws IOException {
        return open().read(file, offset, count, destination);
    }

    @Override
    public WriteResult write(FileHandle file, long offset, ByteBuffer[] data, StableHow stability) throws IOException {
        return open().write(file, offset, data, stability);
    }

    @Override
    public WccData commit(FileHandle file, long offset, int count) throws IOException {
        return open().commit(file, offset, count);
    }

    @Override
    public long writeVerifier() {
        return writeVerifier;
    }

    @Override
    public CreateResult create(FileHandle directory, FileName name, CreateMode mode, SetAttributes attributes, long verifier)
            throws IOException {
        return open().create(directory, name, mode, attributes, verifier);
    }

    @Override
    public CreateResult mkdir(FileHandle directory, FileName name, SetAttributes attributes) throws IOException {
        return open().mkdir(directory, name, attributes);
    }

    @Override
    public CreateResult symlink(FileHandle directory, FileName name, byte[] target, SetAttributes attributes)
            throws IOException {
        return open().symlink(directory, name, target, attributes);
    }

    @Override
    public CreateResult mknod(FileHandle directory, FileName name, FileType type, SetAttributes attributes, int major,
                              int minor) throws IOException {
        return open().mknod(directory, name, type, attributes, major, minor);
    }

    @Override
    public WccData remove(FileHandle directory, FileName name) throws IOException {
        return open().remove(directory, name);
    }

    @Override
    public WccData rmdir(FileHandle directory, FileName name) throws IOException {
        return open().rmdir(directory, name);
    }

    @Override
    public RenameResult rename(FileHandle fromDirectory, FileName fromName, FileHandle toDirectory, FileName toName)
            throws IOException {
        return open().rename(fromDirectory, fromName, toDirectory, toName);
    }

    @Override
    public LinkResult link(FileHandle file, FileHandle directory, FileName name) throws IOException {
        return open().link(file, directory, name);
    }

    @Override
    public DirListing readdir(FileHandle directory, long cookie, long cookieVerifier, boolean withAttributes,
                              EntryBudget budget) throws IOException {
        return open().readdir(directory, cookie, cookieVerifier, withAttributes, budget);
    }

    @Override
    public FsStat fsstat(FileHandle object) throws IOException {
        return open().fsstat(object);
    }

    @Override
    public FsInfo fsinfo(FileHandle object) throws IOException {
        return open().fsinfo(object);
    }

    @Override
    public PathConf pathconf(FileHandle object) throws IOException {
        return open().pathconf(object);
    }

    @Override
    public void close() {
        closed = true;
    }
}
