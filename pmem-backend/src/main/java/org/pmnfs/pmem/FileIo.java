package org.pmnfs.pmem;

import static org.pmnfs.pmem.layout.OnMedia.BLOCK_SHIFT;
import static org.pmnfs.pmem.layout.OnMedia.BLOCK_SIZE;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.List;
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
import org.pmnfs.vfs.NfsException;
import org.pmnfs.vfs.ReadResult;
import org.pmnfs.vfs.StableHow;
import org.pmnfs.vfs.WccData;
import org.pmnfs.vfs.WriteResult;

/**
 * READ, WRITE and COMMIT on regular files: data moves with one copy between the caller's buffer
 * and the pool. Overwrites of mapped blocks go straight to the pool (no journal; data writes are
 * not atomic, as on PMFS2 and ext4-DAX); writes that map new blocks run in a transaction with the
 * inode's size so the file never points at unwritten blocks.
 */
final class FileIo {

    /** Blocks mapped per transaction: bounds the undo a large write logs (2 MiB of data). */
    static final int MAX_BLOCKS_PER_TX = 512;

    private final PmemFs fs;
    private final PmemDevice dev;

    FileIo(PmemFs fs) {
        this.fs = fs;
        this.dev = fs.dev;
    }

    static void requireRegular(FileAttributes a, String what) throws NfsException {
        if (a.type() == FileType.DIRECTORY) {
            throw new IsDirException(what + " of inode " + a.fileId() + ": it is a directory");
        }
        if (a.type() != FileType.REGULAR) {
            throw new InvalException(what + " of inode " + a.fileId() + ": it is a " + a.type() + ", not a regular file");
        }
    }

    ReadResult read(FileHandle h, long offset, int count, ByteBuffer dst) throws IOException {
        if (offset < 0 || count < 0) {
            throw new InvalException("read at offset " + offset + " of " + count + " bytes");
        }
        if (dst.remaining() < count) {
            throw new IllegalArgumentException("destination has " + dst.remaining() + " bytes left, read needs " + count);
        }
        HandleCodec.InodeRef r = fs.ref(h);
        try (InodeLocks.Held _ = fs.locks.read(r.ino())) {
            long ip = fs.live(r);
            FileAttributes a = fs.attrs(r.ino(), ip);
            requireRegular(a, "read");
            long size = a.size();
            int n = offset >= size ? 0 : (int) Math.min(count, size - offset);
            MemorySegment out = MemorySegment.ofBuffer(dst);
            long done = 0;
            while (done < n) {
                long pos = offset + done;
                int in = (int) (pos & (BLOCK_SIZE - 1));
                int len = (int) Math.min(BLOCK_SIZE - in, n - done);
                long bn = RadixTree.lookup(dev, ip, pos >>> BLOCK_SHIFT);
                if (bn == 0) {
                    out.asSlice(done, len).fill((byte) 0);
                } else {
                    dev.read(OnMedia.blockOffset(bn) + in, out, done, len);
                }
                done += len;
            }
            dst.position(dst.position() + n);
            return new ReadResult(n, offset >= size || count >= size - offset, a);
        }
    }

    WriteResult write(FileHandle h, long offset, ByteBuffer[] data, StableHow stability) throws IOException {
        long total = 0;
        for (ByteBuffer b : data) {
            total += b.remaining();
        }
        if (offset < 0) {
            throw new FBigException("write at negative offset " + offset + " (an unsigned offset past 2^63)");
        }
        if (offset + total > RadixLayout.MAX_FILE_SIZE || offset + total < 0) {
            throw new FBigException("write of " + total + " bytes at offset " + offset + " passes the maximum file size of "
                    + RadixLayout.MAX_FILE_SIZE + " bytes (radix height 3)");
        }
        HandleCodec.InodeRef r = fs.ref(h);
        try (InodeLocks.Held _ = fs.locks.write(r.ino())) {
            long ip = fs.live(r);
            FileAttributes before = fs.attrs(r.ino(), ip);
            requireRegular(before, "write");
            if (total == 0) {
                return new WriteResult(0, StableHow.FILE_SYNC, WccData.of(before, before));
            }
            Source src = new Source(data);
            long pos = offset;
            long end = offset + total;
            StableHow reached = StableHow.FILE_SYNC;
            // Reserve every block the whole write needs first: NOSPC must come before any change.
            long need = RadixTree.blocksNeeded(dev, ip, offset >>> BLOCK_SHIFT, (end - 1) >>> BLOCK_SHIFT);
            try (BlockAllocator.Reservation res = fs.alloc.reserve(need)) {
                while (pos < end) {
                    long first = pos >>> BLOCK_SHIFT;
                    long lastBlock = (end - 1) >>> BLOCK_SHIFT;
                    long last = Math.min(lastBlock, first + MAX_BLOCKS_PER_TX - 1);
                    long chunkEnd = Math.min(end, (last + 1) << BLOCK_SHIFT);
                    if (need == 0 || RadixTree.blocksNeeded(dev, ip, first, last) == 0) {
                        if (overwrite(r.ino(), ip, pos, chunkEnd, src, stability) == StableHow.UNSTABLE) {
                            reached = StableHow.UNSTABLE;
                        }
                    } else {
                        mapAndWrite(ip, pos, chunkEnd, first, last, src, res);
                    }
                    pos = chunkEnd;
                }
            }
            return new WriteResult((int) total, reached, WccData.of(before, fs.attrs(r.ino(), ip)));
        }
    }

    /**
     * Writes into blocks the file already maps, without the journal:
     * (1) zero any gap between the old EOF and {@code pos} inside the old last block (bytes past
     *     EOF may hold an unacknowledged write from before a crash), copy the data, store mtime
     *     and ctime; for FILE_SYNC/DATA_SYNC or a size change, flush all of it and fence. A crash
     *     here leaves the size alone: the new bytes past the old EOF are invisible.
     * (2) if the file grew, store the new i_size (one 8-byte store) and persist it.
     * UNSTABLE writes inside the file skip both persists and are remembered for COMMIT.
     */
    private StableHow overwrite(long ino, long ip, long pos, long end, Source src, StableHow stability) {
        long oldSize = Inodes.size(dev, ip);
        boolean grows = end > oldSize;
        FlushSet fl = new FlushSet();
        zeroGap(ip, oldSize, pos, null, fl);
        copyIn(ip, pos, end, src, fl);
        long now = fs.clock.now();
        dev.putLong(ip + InodeLayout.MTIME, now);
        dev.putLong(ip + InodeLayout.CTIME, now);
        if (!grows && stability == StableHow.UNSTABLE) {
            fs.pending.add(ino, pos, end);
            return StableHow.UNSTABLE;
        }
        fl.add(ip, InodeLayout.HOT_BYTES);
        dev.flush(fl);
        dev.fence();
        if (grows) {
            dev.putLong(ip + InodeLayout.SIZE_FIELD, end);
            dev.persist(ip + InodeLayout.SIZE_FIELD, Long.BYTES);
        }
        return StableHow.FILE_SYNC;
    }

    private void copyIn(long ip, long pos, long end, Source src, FlushSet fl) {
        while (pos < end) {
            int in = (int) (pos & (BLOCK_SIZE - 1));
            int len = (int) Math.min(BLOCK_SIZE - in, end - pos);
            long at = OnMedia.blockOffset(RadixTree.lookup(dev, ip, pos >>> BLOCK_SHIFT)) + in;
            src.copyTo(dev, at, len);
            fl.add(at, len);
            pos += len;
        }
    }

    /** Zeroes [oldSize, min(upTo, end of oldSize's block)) when that block is mapped; through {@code tx} when given. */
    private void zeroGap(long ip, long oldSize, long upTo, Tx tx, FlushSet fl) {
        int in = (int) (oldSize & (BLOCK_SIZE - 1));
        if (in == 0 || upTo <= oldSize) {
            return;
        }
        long bn = RadixTree.lookup(dev, ip, oldSize >>> BLOCK_SHIFT);
        if (bn == 0) {
            return;
        }
        long len = Math.min(BLOCK_SIZE - in, upTo - oldSize);
        long at = OnMedia.blockOffset(bn) + in;
        if (tx != null) {
            tx.fillData(at, len, (byte) 0);
        } else {
            dev.fill(at, len, (byte) 0);
            fl.add(at, len);
        }
    }

    /**
     * Writes a range that needs new blocks, in one transaction: (1) log the inode line and every
     * radix slot range that changes; (2) map the range: fresh blocks get zeros around the data,
     * mapped blocks get the data; (3) store i_size, mtime, ctime; (4) commit (data and metadata
     * flushed, then done_seq). A crash before (4) completes rolls the mapping back: the file
     * never points at a block whose contents were not durable.
     */
    private void mapAndWrite(long ip, long pos, long end, long first, long last, Source src, BlockAllocator.Reservation res)
            throws IOException {
        long oldSize = Inodes.size(dev, ip);
        try (Tx tx = fs.begin()) {
            zeroGap(ip, oldSize, pos, tx, null);
            RadixTree.mapRange(tx, ip, first, last, res, (idx, bn, fresh) -> {
                long blockStart = idx << BLOCK_SHIFT;
                int s = (int) Math.max(0, pos - blockStart);
                int e = (int) Math.min(BLOCK_SIZE, end - blockStart);
                long b = OnMedia.blockOffset(bn);
                if (fresh) {
                    if (s > 0) {
                        tx.fill(b, s, (byte) 0);
                    }
                    src.copyTo(tx, b + s, e - s, true);
                    if (e < BLOCK_SIZE) {
                        tx.fill(b + e, BLOCK_SIZE - e, (byte) 0);
                    }
                } else {
                    src.copyTo(tx, b + s, e - s, false);
                }
            });
            long now = fs.clock.now();
            if (end > oldSize) {
                tx.putLong(ip + InodeLayout.SIZE_FIELD, end);
            }
            tx.putLong(ip + InodeLayout.MTIME, now);
            tx.putLong(ip + InodeLayout.CTIME, now);
            tx.commit();
        }
    }

    /** COMMIT: persists exactly the pending UNSTABLE ranges inside {@code [offset, offset + count)}. */
    WccData commit(FileHandle h, long offset, int count) throws IOException {
        if (offset < 0 || count < 0) {
            throw new InvalException("commit at offset " + offset + " of " + count + " bytes");
        }
        HandleCodec.InodeRef r = fs.ref(h);
        try (InodeLocks.Held _ = fs.locks.write(r.ino())) {
            long ip = fs.live(r);
            FileAttributes a = fs.attrs(r.ino(), ip);
            long to = count == 0 ? Long.MAX_VALUE : offset + count;
            persistPending(fs, r.ino(), offset, to);
            return WccData.of(a, a);
        }
    }

    /** Flushes the pending ranges of {@code ino} inside {@code [from, to)} and the inode line, then fences. */
    static void persistPending(PmemFs fs, long ino, long from, long to) {
        List<long[]> ranges = fs.pending.take(ino, from, to);
        if (ranges.isEmpty()) {
            return;
        }
        PmemDevice dev = fs.dev;
        long ip = fs.inodeOffset(ino);
        FlushSet fl = new FlushSet();
        for (long[] rg : ranges) {
            for (long pos = rg[0]; pos < rg[1]; ) {
                int in = (int) (pos & (BLOCK_SIZE - 1));
                long len = Math.min(BLOCK_SIZE - in, rg[1] - pos);
                long bn = RadixTree.lookup(dev, ip, pos >>> BLOCK_SHIFT);
                if (bn != 0) {
                    fl.add(OnMedia.blockOffset(bn) + in, len);
                }
                pos += len;
            }
        }
        fl.add(ip, InodeLayout.HOT_BYTES);
        dev.flush(fl);
        dev.fence();
    }

    /** The caller's buffers, consumed in order. */
    private static final class Source {
        private final ByteBuffer[] bufs;
        private int i;

        Source(ByteBuffer[] bufs) {
            this.bufs = bufs;
        }

        private ByteBuffer current() {
            while (!bufs[i].hasRemaining()) {
                i++;
            }
            return bufs[i];
        }

        void copyTo(PmemDevice dev, long at, long len) {
            while (len > 0) {
                ByteBuffer b = current();
                int n = (int) Math.min(len, b.remaining());
                dev.write(at, MemorySegment.ofBuffer(b), 0, n);
                b.position(b.position() + n);
                at += n;
                len -= n;
            }
        }

        void copyTo(Tx tx, long at, long len, boolean fresh) {
            while (len > 0) {
                ByteBuffer b = current();
                int n = (int) Math.min(len, b.remaining());
                if (fresh) {
                    tx.write(at, MemorySegment.ofBuffer(b), 0, n);
                } else {
                    tx.writeData(at, MemorySegment.ofBuffer(b), 0, n);
                }
                b.position(b.position() + n);
                at += n;
                len -= n;
            }
        }
    }
}
