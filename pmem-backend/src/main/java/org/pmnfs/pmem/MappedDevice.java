package org.pmnfs.pmem;

import static org.pmnfs.pmem.layout.OnMedia.U16;
import static org.pmnfs.pmem.layout.OnMedia.U32;
import static org.pmnfs.pmem.layout.OnMedia.U64;
import static org.pmnfs.pmem.layout.OnMedia.U64_ALIGNED;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.LongAdder;
import jdk.nio.mapmode.ExtendedMapMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool mapped into memory with FFM, in power-of-two chunks (a chunk is found with a shift and
 * a mask). Tries {@code READ_WRITE_SYNC} (MAP_SYNC) first and falls back to {@code READ_WRITE} +
 * msync when the kernel says "Operation not supported" (the file is not on DAX). Owns the arena:
 * closing unmaps every chunk.
 */
final class MappedDevice implements PmemDevice {

    private static final Logger LOG = LoggerFactory.getLogger(MappedDevice.class);

    /** Default chunk: 1 GiB, a multiple of every device-DAX alignment (2 MiB or 1 GiB). */
    static final int DEFAULT_CHUNK_SHIFT = 30;
    /** Smallest chunk: one 4 KiB block, so no block ever straddles chunks. */
    static final int MIN_CHUNK_SHIFT = 12;

    private static final VarHandle LONG = U64_ALIGNED.varHandle();

    private final String name;
    private final long size;
    private final MappingMode mode;
    private final Arena arena;
    private final MemorySegment[] chunks;
    private final int shift;
    private final long mask;
    /** Fences since the mapping opened: each ends a persist (monitoring, {@link #persists()}). */
    private final LongAdder fences = new LongAdder();

    private MappedDevice(String name, long size, MappingMode mode, Arena arena, MemorySegment[] chunks, int shift) {
        this.name = name;
        this.size = size;
        this.mode = mode;
        this.arena = arena;
        this.chunks = chunks;
        this.shift = shift;
        this.mask = (1L << shift) - 1;
    }

    /**
     * Maps the first {@code length} bytes of {@code file}. A read-only file is mapped READ_ONLY
     * (mode reported as MSYNC; nothing is ever persisted through it).
     */
    static MappedDevice map(PoolFile file, long length, int chunkShift) throws IOException {
        return map(file, length, chunkShift, false);
    }

    /** {@link #map(PoolFile, long, int)}; {@code quiet} logs at DEBUG (short-lived mappings such as reading block 0). */
    static MappedDevice map(PoolFile file, long length, int chunkShift, boolean quiet) throws IOException {
        int shift = Math.max(chunkShift, MIN_CHUNK_SHIFT);
        if (file.mapAlign() > 0) {
            shift = Math.max(shift, 63 - Long.numberOfLeadingZeros(file.mapAlign()));
        }
        long chunkSize = 1L << shift;
        int n = (int) ((length + chunkSize - 1) >>> shift);
        Arena arena = Arena.ofShared();
        boolean ok = false;
        try {
            MemorySegment[] chunks = new MemorySegment[n];
            MappingMode mode;
            FileChannel ch = file.channel();
            if (!file.writable()) {
                mode = MappingMode.MSYNC;
                for (int i = 0; i < n; i++) {
                    chunks[i] = ch.map(FileChannel.MapMode.READ_ONLY, (long) i << shift, chunkLength(length, i, shift), arena);
                }
            } else {
                mode = MappingMode.MAP_SYNC;
                for (int i = 0; i < n; i++) {
                    long off = (long) i << shift;
                    long len = chunkLength(length, i, shift);
                    if (mode == MappingMode.MAP_SYNC) {
                        try {
                            chunks[i] = ch.map(ExtendedMapMode.READ_WRITE_SYNC, off, len, arena);
                            continue;
                        } catch (IOException | UnsupportedOperationException e) {
                            if (i > 0 || !isNotSupported(e)) {
                                throw e;
                            }
                            if (!quiet) {
                                LOG.info("pool {}: MAP_SYNC refused ({}); falling back to READ_WRITE + msync", file.path(),
                                        e.getMessage());
                            }
                            mode = MappingMode.MSYNC;
                        }
                    }
                    chunks[i] = ch.map(FileChannel.MapMode.READ_WRITE, off, len, arena);
                }
            }
            MappedDevice d = new MappedDevice(file.path().toString(), length, mode, arena, chunks, shift);
            if (!quiet) {
                LOG.info("pool {}: mapped {} bytes in {} chunk(s) of {} bytes, mode {}", file.path(), length, n, chunkSize,
                        mode.description());
            }
            ok = true;
            return d;
        } finally {
            if (!ok) {
                arena.close();
            }
        }
    }

    /** "Operation not supported" (EOPNOTSUPP from mmap with MAP_SYNC), or a JDK without write-back support. */
    private static boolean isNotSupported(Exception e) {
        if (e instanceof UnsupportedOperationException) {
            return true;
        }
        String m = e.getMessage();
        return m != null && m.contains("not supported");
    }

    private static long chunkLength(long length, int i, int shift) {
        return Math.min(1L << shift, length - ((long) i << shift));
    }

    private MemorySegment chunk(long off) {
        return chunks[(int) (off >>> shift)];
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public MappingMode mappingMode() {
        return mode;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public byte getByte(long off) {
        return chunk(off).get(ValueLayout.JAVA_BYTE, off & mask);
    }

    @Override
    public short getShort(long off) {
        return chunk(off).get(U16, off & mask);
    }

    @Override
    public int getInt(long off) {
        return chunk(off).get(U32, off & mask);
    }

    @Override
    public long getLong(long off) {
        return chunk(off).get(U64, off & mask);
    }

    @Override
    public void putByte(long off, byte value) {
        chunk(off).set(ValueLayout.JAVA_BYTE, off & mask, value);
    }

    @Override
    public void putShort(long off, short value) {
        chunk(off).set(U16, off & mask, value);
    }

    @Override
    public void putInt(long off, int value) {
        chunk(off).set(U32, off & mask, value);
    }

    @Override
    public void putLong(long off, long value) {
        // Opaque: one aligned 8-byte store the JIT may not split or drop (docs/crash-consistency.md).
        LONG.setOpaque(chunk(off), off & mask, value);
    }

    @Override
    public void read(long off, MemorySegment dst, long dstOff, long len) {
        while (len > 0) {
            long in = off & mask;
            long n = Math.min(len, (1L << shift) - in);
            MemorySegment.copy(chunk(off), in, dst, dstOff, n);
            off += n;
            dstOff += n;
            len -= n;
        }
    }

    @Override
    public void write(long off, MemorySegment src, long srcOff, long len) {
        while (len > 0) {
            long in = off & mask;
            long n = Math.min(len, (1L << shift) - in);
            MemorySegment.copy(src, srcOff, chunk(off), in, n);
            off += n;
            srcOff += n;
            len -= n;
        }
    }

    @Override
    public void fill(long off, long len, byte value) {
        while (len > 0) {
            long in = off & mask;
            long n = Math.min(len, (1L << shift) - in);
            chunk(off).asSlice(in, n).fill(value);
            off += n;
            len -= n;
        }
    }

    /**
     * MAP_SYNC: {@code force()} of a slice writes back its cache lines (clwb/clflushopt) between
     * two sfences (JDK MappedMemoryUtils.force, isSync). MSYNC: msync(MS_SYNC) of the pages.
     */
    @Override
    public void flush(long off, long len) {
        while (len > 0) {
            long in = off & mask;
            long n = Math.min(len, (1L << shift) - in);
            chunk(off).asSlice(in, n).force();
            off += n;
            len -= n;
        }
    }

    /** MSYNC: one msync per chunk over the ranges' span costs one system call instead of many. */
    @Override
    public void flush(FlushSet ranges) {
        if (mode == MappingMode.MAP_SYNC || ranges.count() == 1) {
            PmemDevice.super.flush(ranges);
            return;
        }
        int n = 0;
        int[] chunk = new int[ranges.count() * 2];
        long[] lo = new long[chunk.length];
        long[] hi = new long[chunk.length];
        for (int i = 0; i < ranges.count(); i++) {
            long s = ranges.start(i);
            long e = Math.min(ranges.end(i), size);
            while (s < e) {
                int c = (int) (s >>> shift);
                long ce = Math.min(e, ((long) c + 1) << shift);
                int k = 0;
                while (k < n && chunk[k] != c) {
                    k++;
                }
                if (k == n) {
                    if (n == chunk.length) {
                        chunk = java.util.Arrays.copyOf(chunk, n * 2);
                        lo = java.util.Arrays.copyOf(lo, n * 2);
                        hi = java.util.Arrays.copyOf(hi, n * 2);
                    }
                    chunk[n] = c;
                    lo[n] = s;
                    hi[n] = ce;
                    n++;
                } else {
                    lo[k] = Math.min(lo[k], s);
                    hi[k] = Math.max(hi[k], ce);
                }
                s = ce;
            }
        }
        for (int k = 0; k < n; k++) {
            long base = (long) chunk[k] << shift;
            chunks[chunk[k]].asSlice(lo[k] - base, hi[k] - lo[k]).force();
        }
    }

    /**
     * Orders later stores after earlier ones. Durability itself comes from {@link #flush}, whose
     * write-back already ends with an sfence (MAP_SYNC) or is a synchronous msync.
     */
    @Override
    public void fence() {
        VarHandle.fullFence();
        fences.increment();
    }

    @Override
    public long persists() {
        return fences.sum();
    }

    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
