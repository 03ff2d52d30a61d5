package org.pmnfs.pmem;

import static org.pmnfs.pmem.layout.OnMedia.BLOCK_SHIFT;
import static org.pmnfs.pmem.layout.OnMedia.BLOCK_SIZE;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import org.pmnfs.pmem.layout.InodeLayout;
import org.pmnfs.pmem.layout.OnMedia;
import org.pmnfs.pmem.layout.RadixLayout;
import org.pmnfs.vfs.FBigException;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileType;
import org.pmnfs.vfs.HandleCodec;
import org.pmnfs.vfs.InvalException;
import org.pmnfs.vfs.IsDirException;
import org.pmnfs.vfs.NotSyncException;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.WccData;

/** GETATTR, SETATTR (including truncation) and READLINK. */
final class AttrOps {

    private final PmemFs fs;
    private final PmemDevice dev;

    AttrOps(PmemFs fs) {
        this.fs = fs;
        this.dev = fs.dev;
    }

    FileAttributes getattr(FileHandle h) throws IOException {
        HandleCodec.InodeRef r = fs.ref(h);
        try (InodeLocks.Held _ = fs.locks.read(r.ino())) {
            return fs.attrs(r.ino(), fs.live(r));
        }
    }

    /**
     * Changes attributes in one transaction (several 8-byte words change together): (1) log the
     * inode, and for a shrink the radix slots it clears and the tail of the new last block;
     * (2) store mode, owner, times, size, free blocks past the end and zero the tail;
     * (3) commit. Freed blocks return to the allocator only after (3).
     */
    WccData setattr(FileHandle h, SetAttributes sa, Long guardCtime) throws IOException {
        HandleCodec.InodeRef r = fs.ref(h);
        try (InodeLocks.Held _ = fs.locks.write(r.ino())) {
            long ip = fs.live(r);
            FileAttributes before = fs.attrs(r.ino(), ip);
            if (guardCtime != null && guardCtime != before.ctimeNanos()) {
                throw new NotSyncException("guard ctime " + guardCtime + " does not match inode " + r.ino() + "'s ctime "
                        + before.ctimeNanos());
            }
            Long size = sa.size();
            if (size != null) {
                if (before.type() == FileType.DIRECTORY) {
                    throw new IsDirException("cannot set the size of directory inode " + r.ino());
                }
                if (before.type() != FileType.REGULAR) {
                    throw new InvalException("cannot set the size of inode " + r.ino() + ", a " + before.type());
                }
                if (size > RadixLayout.MAX_FILE_SIZE) {
                    throw new FBigException("size " + size + " passes the maximum file size of " + RadixLayout.MAX_FILE_SIZE);
                }
            }
            long now = fs.clock.now();
            try (Tx tx = fs.begin()) {
                tx.undo(ip, InodeLayout.SIZE);
                if (sa.mode() != null) {
                    int mode = Inodes.mode(dev, ip);
                    tx.putShort(ip + InodeLayout.MODE, (short) ((mode & InodeLayout.S_IFMT) | sa.mode()));
                }
                if (sa.uid() != null) {
                    tx.putInt(ip + InodeLayout.UID, sa.uid());
                }
                if (sa.gid() != null) {
                    tx.putInt(ip + InodeLayout.GID, sa.gid());
                }
                if (size != null) {
                    resize(tx, r.ino(), ip, before.size(), size);
                    tx.putLong(ip + InodeLayout.MTIME, now);
                }
                if (sa.atime().changes()) {
                    tx.putLong(ip + InodeLayout.ATIME, sa.atime().resolve(now));
                }
                if (sa.mtime().changes()) {
                    tx.putLong(ip + InodeLayout.MTIME, sa.mtime().resolve(now));
                }
                tx.putLong(ip + InodeLayout.CTIME, now);
                tx.commit();
            }
            if (size != null && size < before.size()) {
                fs.pending.truncate(r.ino(), size);
            }
            return WccData.of(before, fs.attrs(r.ino(), ip));
        }
    }

    /**
     * Sets i_size. Shrinking frees every block past the new end (RadixTree.truncate, in block
     * counts) and zeroes the rest of the new last block, logged, so growing later reads zeros.
     * Growing zeroes the old last block past the old end (bytes there may be an unacknowledged
     * write from before a crash) and leaves a hole.
     */
    static void resize(Tx tx, long ino, long ip, long oldSize, long newSize) {
        PmemDevice dev = tx.device();
        if (newSize < oldSize) {
            long keep = (newSize + BLOCK_SIZE - 1) >>> BLOCK_SHIFT;
            RadixTree.truncate(tx, ip, keep);
            int in = (int) (newSize & (BLOCK_SIZE - 1));
            if (in != 0) {
                long bn = RadixTree.lookup(dev, ip, newSize >>> BLOCK_SHIFT);
                if (bn != 0) {
                    long at = OnMedia.blockOffset(bn) + in;
                    tx.undo(at, BLOCK_SIZE - in);
                    tx.fill(at, BLOCK_SIZE - in, (byte) 0);
                }
            }
        } else if (newSize > oldSize) {
            int in = (int) (oldSize & (BLOCK_SIZE - 1));
            if (in != 0) {
                long bn = RadixTree.lookup(dev, ip, oldSize >>> BLOCK_SHIFT);
                if (bn != 0) {
                    tx.fillData(OnMedia.blockOffset(bn) + in, BLOCK_SIZE - in, (byte) 0);
                }
            }
        }
        tx.putLong(ip + InodeLayout.SIZE_FIELD, newSize);
    }

    byte[] readlink(FileHandle h) throws IOException {
        HandleCodec.InodeRef r = fs.ref(h);
        try (InodeLocks.Held _ = fs.locks.read(r.ino())) {
            long ip = fs.live(r);
            int mode = Inodes.mode(dev, ip);
            if (Inodes.typeOf(mode) != FileType.SYMLINK) {
                throw new InvalException("readlink of inode " + r.ino() + ", a " + Inodes.typeOf(mode) + ", not a symlink");
            }
            return target(dev, ip);
        }
    }

    /** A symlink's target: inline below 32 bytes, else in the block named by i_sym_bn. */
    static byte[] target(PmemDevice dev, long ip) {
        int len = (int) Inodes.size(dev, ip);
        byte[] t = new byte[len];
        long at = len <= InodeLayout.SYMLINK_INLINE_MAX
                ? ip + InodeLayout.SYMLINK_INLINE
                : OnMedia.blockOffset(dev.getLong(ip + InodeLayout.SYM_BN));
        dev.read(at, MemorySegment.ofArray(t), 0, len);
        return t;
    }
}
