package org.pmnfs.server.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.pmnfs.vfs.PathConf;
import org.pmnfs.vfs.ReadResult;
import org.pmnfs.vfs.RenameResult;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.StableHow;
import org.pmnfs.vfs.WccData;
import org.pmnfs.vfs.WriteResult;

/**
 * A backend that delegates everything but holds each WRITE (or each REMOVE) until the test opens
 * the gate, so a test can have a request in flight at a chosen moment (shutdown, parallelism, a
 * lost reply). Records whether {@link #close()} ran and how many REMOVEs reached the delegate.
 */
public final class GatedBackend implements FileSystemBackend {

    /** The operation held at the gate. */
    public enum Held { WRITE, REMOVE }

    private final FileSystemBackend delegate;
    private final Held held;
    private final CountDownLatch gate = new CountDownLatch(1);
    private final CountDownLatch heldCallArrived = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger removesRun = new AtomicInteger();

    /** Holds WRITEs. */
    public GatedBackend(FileSystemBackend delegate) {
        this(delegate, Held.WRITE);
    }

    public GatedBackend(FileSystemBackend delegate, Held held) {
        this.delegate = delegate;
        this.held = held;
    }

    /** Waits until a call of the held operation is held at the gate. */
    public boolean awaitHeldCall(long seconds) throws InterruptedException {
        return heldCallArrived.await(seconds, TimeUnit.SECONDS);
    }

    /** How many REMOVEs the delegate ran. */
    public int removesRun() {
        return removesRun.get();
    }

    public void open() {
        gate.countDown();
    }

    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public WriteResult write(FileHandle file, long offset, ByteBuffer[] data, StableHow stability) throws IOException {
        if (held == Held.WRITE) {
            passGate();
        }
        return delegate.write(file, offset, data, stability);
    }

    private void passGate() throws IOException {
        heldCallArrived.countDown();
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IOException("gate never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted at the gate", e);
        }
    }

    @Override
    public void close() throws IOException {
        closed.set(true);
        delegate.close();
    }

    @Override
    public FileHandle root() {
        return delegate.root();
    }

    @Override
    public FileAttributes getattr(FileHandle object) throws IOException {
        return delegate.getattr(object);
    }

    @Override
    public WccData setattr(FileHandle object, SetAttributes attributes, Long guardCtimeNanos) throws IOException {
        return delegate.setattr(object, attributes, guardCtimeNanos);
    }

    @Override
    public LookupResult lookup(FileHandle directory, FileName name) throws IOException {
        return delegate.lookup(directory, name);
    }

    @Override
    public byte[] readlink(FileHandle symlink) throws IOException {
        return delegate.readlink(symlink);
    }

    @Override
    public ReadResult read(FileHandle file, long offset, int count, ByteBuffer destination) throws IOException {
        return delegate.read(file, offset, count, destination);
    }

    @Override
    public WccData commit(FileHandle file, long offset, int count) throws IOException {
        return delegate.commit(file, offset, count);
    }

    @Override
    public long writeVerifier() {
        return delegate.writeVerifier();
    }

    @Override
    public CreateResult create(FileHandle directory, FileName name, CreateMode mode, SetAttributes attributes, long verifier)
            throws IOException {
        return delegate.create(directory, name, mode, attributes, verifier);
    }

    @Override
    public CreateResult mkdir(FileHandle directory, FileName name, SetAttributes attributes) throws IOException {
        return delegate.mkdir(directory, name, attributes);
    }

    @Override
    public CreateResult symlink(FileHandle directory, FileName name, byte[] target, SetAttributes attributes) throws IOException {
        return delegate.symlink(directory, name, target, attributes);
    }

    @Override
    public CreateResult mknod(FileHandle directory, FileName name, FileType type, SetAttributes attributes, int rdevMajor,
                              int rdevMinor) throws IOException {
        return delegate.mknod(directory, name, type, attributes, rdevMajor, rdevMinor);
    }

    @Override
    public WccData remove(FileHandle directory, FileName name) throws IOException {
        if (held == Held.REMOVE) {
            passGate();
        }
        removesRun.incrementAndGet();
        return delegate.remove(directory, name);
    }

    @Override
    public WccData rmdir(FileHandle directory, FileName name) throws IOException {
        return delegate.rmdir(directory, name);
    }

    @Override
    public RenameResult rename(FileHandle fromDirectory, FileName fromName, FileHandle toDirectory, FileName toName)
            throws IOException {
        return delegate.rename(fromDirectory, fromName, toDirectory, toName);
    }

    @Override
    public LinkResult link(FileHandle file, FileHandle directory, FileName name) throws IOException {
        return delegate.link(file, directory, name);
    }

    @Override
    public DirListing readdir(FileHandle directory, long cookie, long cookieVerifier, boolean withAttributes, EntryBudget budget)
            throws IOException {
        return delegate.readdir(directory, cookie, cookieVerifier, withAttributes, budget);
    }

    @Override
    public FsStat fsstat(FileHandle object) throws IOException {
        return delegate.fsstat(object);
    }

    @Override
    public FsInfo fsinfo(FileHandle object) throws IOException {
        return delegate.fsinfo(object);
    }

    @Override
    public PathConf pathconf(FileHandle object) throws IOException {
        return delegate.pathconf(object);
    }
}
