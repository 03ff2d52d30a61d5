package org.pmnfs.pmem;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashMap;
import java.util.Map;
import org.pmnfs.pmem.layout.OnMedia;

/**
 * A copy-on-write view of a read-only pool: stores land in DRAM copies of the touched blocks and
 * never reach the pool. fsck without repair uses it to roll unfinished transactions back the way
 * mount would, and then checks that state, without writing anything.
 */
final class OverlayDevice implements PmemDevice {

    private static final int SHIFT = OnMedia.BLOCK_SHIFT;
    private static final long MASK = OnMedia.BLOCK_SIZE - 1;

    private final PmemDevice base;
    private final Map<Long, MemorySegment> blocks = new HashMap<>();

    OverlayDevice(PmemDevice base) {
        this.base = base;
    }

    /** The DRAM copy of the block holding {@code off}, made on first write. */
    private MemorySegment writable(long off) {
        return blocks.computeIfAbsent(off >>> SHIFT, bn -> {
            MemorySegment copy = MemorySegment.ofArray(new long[OnMedia.BLOCK_SIZE / Long.BYTES]);
            base.read(bn << SHIFT, copy, 0, OnMedia.BLOCK_SIZE);
            return copy;
        });
    }

    private MemorySegment readable(long off) {
        return blocks.get(off >>> SHIFT);
    }

    @Override
    public long size() {
        return base.size();
    }

    @Override
    public MappingMode mappingMode() {
        return base.mappingMode();
    }

    @Override
    public String name() {
        return base.name();
    }

    @Override
    public byte getByte(long off) {
        MemorySegment b = readable(off);
        return b == null ? base.getByte(off) : b.get(ValueLayout.JAVA_BYTE, off & MASK);
    }

    @Override
    public short getShort(long off) {
        MemorySegment b = readable(off);
        return b == null ? base.getShort(off) : b.get(OnMedia.U16, off & MASK);
    }

    @Override
    public int getInt(long off) {
        MemorySegment b = readable(off);
        return b == null ? base.getInt(off) : b.get(OnMedia.U32, off & MASK);
    }

    @Override
    public long getLong(long off) {
        MemorySegment b = readable(off);
        return b == null ? base.getLong(off) : b.get(OnMedia.U64, off & MASK);
    }

    @Override
    public void putByte(long off, byte value) {
        writable(off).set(ValueLayout.JAVA_BYTE, off & MASK, value);
    }

    @Override
    public void putShort(long off, short value) {
        writable(off).set(OnMedia.U16, off & MASK, value);
    }

    @Override
    public void putInt(long off, int value) {
        writable(off).set(OnMedia.U32, off & MASK, value);
    }

    @Override
    public void putLong(long off, long value) {
        writable(off).set(OnMedia.U64, off & MASK, value);
    }

    @Override
    public void read(long off, MemorySegment dst, long dstOff, long len) {
        while (len > 0) {
            long n = Math.min(len, OnMedia.BLOCK_SIZE - (off & MASK));
            MemorySegment b = readable(off);
            if (b == null) {
                base.read(off, dst, dstOff, n);
            } else {
                MemorySegment.copy(b, off & MASK, dst, dstOff, n);
            }
            off += n;
            dstOff += n;
            len -= n;
        }
    }

    @Override
    public void write(long off, MemorySegment src, long srcOff, long len) {
        while (len > 0) {
            long n = Math.min(len, OnMedia.BLOCK_SIZE - (off & MASK));
            MemorySegment.copy(src, srcOff, writable(off), off & MASK, n);
            off += n;
            srcOff += n;
            len -= n;
        }
    }

    @Override
    public void fill(long off, long len, byte value) {
        while (len > 0) {
            long n = Math.min(len, OnMedia.BLOCK_SIZE - (off & MASK));
            writable(off).asSlice(off & MASK, n).fill(value);
            off += n;
            len -= n;
        }
    }

    /** Nothing reaches the pool, so there is nothing to flush. */
    @Override
    public void flush(long off, long len) {
    }

    @Override
    public void fence() {
    }

    @Override
    public void close() {
        blocks.clear();
    }
}
