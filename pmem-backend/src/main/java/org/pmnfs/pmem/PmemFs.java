package org.pmnfs.pmem;

import static org.pmnfs.pmem.layout.SuperBlockLayout.STATE_CLEAN;
import static org.pmnfs.pmem.layout.SuperBlockLayout.WTIME;
import static org.pmnfs.pmem.layout.SuperBlockLayout.X_STATE;

import java.io.IOException;
import java.util.concurrent.locks.ReentrantLock;
import org.pmnfs.pmem.layout.Geometry;
import org.pmnfs.pmem.layout.InodeLayout;
import org.pmnfs.pmem.layout.RadixLayout;
import org.pmnfs.pmem.layout.SuperBlock;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.HandleCodec;
import org.pmnfs.vfs.NanoClock;
import org.pmnfs.vfs.NfsException;
import org.pmnfs.vfs.StaleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mounted pool: the device and the DRAM state built at mount (allocator, journal, inode
 * table, directory indexes, locks, pending UNSTABLE ranges), plus the helpers every operation
 * shares (handles, liveness checks, attributes). {@link #close()} is the clean shutdown.
 */
final class PmemFs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PmemFs.class);

    final PmemDevice dev;
    final Geometry geometry;
    final SuperBlock superBlock;
    final long fsid;
    final HandleCodec codec;
    final NanoClock clock;
    final BlockAllocator alloc;
    final Journal journal;
    final InodeTable itable;
    final Directories dirs;
    final InodeLocks locks = new InodeLocks();
    final PendingWrites pending = new PendingWrites();
    /** Serialises cross-directory renames, so the ancestor walk that refuses cycles sees a stable tree. */
    final ReentrantLock renameLock = new ReentrantLock();
    final long writeVerifier;
    private final AutoCloseable owner;
    private boolean closed;

    PmemFs(PmemDevice dev, SuperBlock sb, NanoClock clock, BlockAllocator alloc, Journal journal, InodeTable itable,
           long writeVerifier, AutoCloseable owner) {
        this.dev = dev;
        this.geometry = sb.geometry();
        this.superBlock = sb;
        this.fsid = sb.fsid();
        this.codec = new HandleCodec(HandleCodec.KIND_PMEM, fsid);
        this.clock = clock;
        this.alloc = alloc;
        this.journal = journal;
        this.itable = itable;
        this.dirs = new Directories(dev, geometry);
        this.writeVerifier = writeVerifier;
        this.owner = owner;
    }

    /** The inode a handle names, checked for shape and range (liveness is checked under its lock). */
    HandleCodec.InodeRef ref(FileHandle h) throws NfsException {
        HandleCodec.InodeRef r = codec.decode(h);
        if (!itable.inRange(r.ino())) {
            throw new StaleException("inode " + r.ino() + " is past the inode table (" + itable.capacity() + " slots)");
        }
        return r;
    }

    /** The inode's offset if it is live with the handle's generation; the caller holds its lock. */
    long live(HandleCodec.InodeRef r) throws StaleException {
        long ip = itable.offset(r.ino());
        if (Inodes.nlink(dev, ip) == 0 || Inodes.generation(dev, ip) != r.generation()) {
            throw new StaleException("inode " + r.ino() + " generation " + r.generation() + " no longer exists");
        }
        return ip;
    }

    FileHandle handle(long ino, long ip) {
        return codec.encode(ino, Inodes.generation(dev, ip));
    }

    FileAttributes attrs(long ino, long ip) {
        return Inodes.attributes(dev, fsid, ino, ip);
    }

    /**
     * Inodes that can still be created: the table's free slots plus the slots the free blocks
     * could add, within the most the radix-mapped table can hold.
     */
    long freeInodes() {
        long maxInodes = RadixLayout.capacity(RadixLayout.MAX_HEIGHT) * InodeLayout.PER_BLOCK;
        return Math.min(itable.freeSlots() + alloc.freeBlocks() * InodeLayout.PER_BLOCK, maxInodes - itable.liveCount());
    }

    long inodeOffset(long ino) {
        return itable.offset(ino);
    }

    /** Starts a transaction. */
    Tx begin() throws IOException {
        return journal.begin(alloc);
    }

    /**
     * Clean shutdown, in order: (1) persist every pending UNSTABLE range; (2) write the allocator
     * snapshot and its figures and persist them; (3) store s_wtime and x_state = CLEAN and persist.
     * A crash before (3) is durable leaves x_state DIRTY: the next mount scans and ignores the
     * snapshot. The caller has stopped all operations.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        Exception failure = null;
        try {
            for (Long ino : pending.inodes()) {
                FileIo.persistPending(this, ino, 0, Long.MAX_VALUE);
            }
            dev.fence();
            FlushSet fs = new FlushSet();
            AllocatorSnapshot.save(dev, geometry, alloc, itable.liveCount(), fs);
            dev.putLong(WTIME, clock.now());
            fs.add(WTIME, Long.BYTES);
            dev.flush(fs);
            dev.fence();
            dev.putLong(X_STATE, STATE_CLEAN);
            dev.persist(X_STATE, Long.BYTES);
            LOG.info("pool {}: closed cleanly ({} free blocks of {}, {} inodes)", dev.name(), alloc.freeBlocks(),
                    alloc.dataBlocks(), itable.liveCount());
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            dev.close();
        } catch (IOException | RuntimeException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        try {
            if (owner != null) {
                owner.close();
            }
        } catch (Exception e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure != null) {
            throw new IOException("closing pool " + dev.name() + " failed", failure);
        }
    }
}
