package org.pmnfs.pmem;

import static org.pmnfs.pmem.layout.OnMedia.U16;
import static org.pmnfs.pmem.layout.OnMedia.U32;
import static org.pmnfs.pmem.layout.OnMedia.U64;
import static org.pmnfs.pmem.layout.OnMedia.U64_ALIGNED;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.BitSet;
import java.util.Random;

/**
 * A test pool in heap memory that models persistent memory behind a CPU cache: {@code mem} is
 * what loads see, {@code media} what survives power loss. A store dirties its cache lines; a
 * flush marks dirty lines as in flight; a fence makes in-flight lines durable. Power loss (at a
 * chosen fence, or on demand) keeps the durable image plus, per {@link Drop}, none, a random
 * subset of lines, or a random subset of 8-byte words of every line not yet durable.
 */
final class SimDevice implements PmemDevice {

    /** What happens to lines that were written but not yet durable when power fails. */
    enum Drop {
        /** All of them are lost. */
        ALL,
        /** Each line independently survives or not (x86 evicts whole lines). */
        RANDOM_LINES,
        /** Each 8-byte word independently survives or not (only 8-byte stores are power-fail atomic). */
        RANDOM_WORDS
    }

    /** Thrown at the simulated power failure; unwinds the operation that was running. */
    static final class PowerLoss extends Error {
        PowerLoss() {
            super("simulated power loss", null, false, false);
        }
    }

    private static final int LINE = 64;
    private static final VarHandle LONG = U64_ALIGNED.varHandle();

    private final String name;
    private final long size;
    private final MemorySegment mem;
    private final MemorySegment media;
    private final BitSet dirty = new BitSet();
    private final BitSet inFlight = new BitSet();
    private long fences;
    private long crashAt = -1;
    private Drop drop = Drop.ALL;
    private Random random = new Random(1);
    private byte[] crashImage;

    SimDevice(String name, long size) {
        this.name = name;
        this.size = size;
        this.mem = MemorySegment.ofArray(new long[(int) (size / 8)]);
        this.media = MemorySegment.ofArray(new long[(int) (size / 8)]);
    }

    /** A device whose memory and media both hold {@code image} (what a reboot after power loss finds). */
    static SimDevice fromImage(String name, byte[] image) {
        SimDevice d = new SimDevice(name, image.length);
        MemorySegment.copy(MemorySegment.ofArray(image), 0, d.mem, 0, image.length);
        MemorySegment.copy(MemorySegment.ofArray(image), 0, d.media, 0, image.length);
        return d;
    }

    /** Fail at the {@code n}-th fence from now (1 = the next), before it makes anything durable. */
    void crashAtFence(long n, Drop how, long seed) {
        crashAt = fences + n;
        drop = how;
        random = new Random(seed);
        crashImage = null;
    }

    void noCrash() {
        crashAt = -1;
    }

    long fences() {
        return fences;
    }

    /** The image power loss left behind (after a {@link PowerLoss} or {@link #powerLossNow}). */
    byte[] crashImage() {
        return crashImage;
    }

    /** Cuts power now: returns what survives. */
    byte[] powerLossNow(Drop how, long seed) {
        drop = how;
        random = new Random(seed);
        capture();
        return crashImage;
    }

    /** Lines written but not yet durable. */
    int unpersistedLines() {
        BitSet b = (BitSet) dirty.clone();
        b.or(inFlight);
        return b.cardinality();
    }

    private void capture() {
        byte[] img = media.toArray(ValueLayout.JAVA_BYTE);
        MemorySegment out = MemorySegment.ofArray(img);
        BitSet pending = (BitSet) dirty.clone();
        pending.or(inFlight);
        for (int l = pending.nextSetBit(0); l >= 0; l = pending.nextSetBit(l + 1)) {
            long off = (long) l * LINE;
            switch (drop) {
                case ALL -> { }
                case RANDOM_LINES -> {
                    if (random.nextBoolean()) {
                        MemorySegment.copy(mem, off, out, off, LINE);
                    }
                }
                case RANDOM_WORDS -> {
                    for (int w = 0; w < LINE; w += 8) {
                        if (random.nextBoolean()) {
                            MemorySegment.copy(mem, off + w, out, off + w, 8);
                        }
                    }
                }
            }
        }
        crashImage = img;
    }

    private void stored(long off, long len) {
        if (len <= 0) {
            return;
        }
        int a = (int) (off / LINE);
        int b = (int) ((off + len - 1) / LINE);
        dirty.set(a, b + 1);
        inFlight.clear(a, b + 1);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public MappingMode mappingMode() {
        return MappingMode.VOLATILE;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public byte getByte(long off) {
        return mem.get(ValueLayout.JAVA_BYTE, off);
    }

    @Override
    public short getShort(long off) {
        return mem.get(U16, off);
    }

    @Override
    public int getInt(long off) {
        return mem.get(U32, off);
    }

    @Override
    public long getLong(long off) {
        return mem.get(U64, off);
    }

    @Override
    public void putByte(long off, byte value) {
        mem.set(ValueLayout.JAVA_BYTE, off, value);
        stored(off, 1);
    }

    @Override
    public void putShort(long off, short value) {
        mem.set(U16, off, value);
        stored(off, 2);
    }

    @Override
    public void putInt(long off, int value) {
        mem.set(U32, off, value);
        stored(off, 4);
    }

    @Override
    public void putLong(long off, long value) {
        LONG.setOpaque(mem, off, value);
        stored(off, 8);
    }

    @Override
    public void read(long off, MemorySegment dst, long dstOff, long len) {
        MemorySegment.copy(mem, off, dst, dstOff, len);
    }

    @Override
    public void write(long off, MemorySegment src, long srcOff, long len) {
        MemorySegment.copy(src, srcOff, mem, off, len);
        stored(off, len);
    }

    @Override
    public void fill(long off, long len, byte value) {
        mem.asSlice(off, len).fill(value);
        stored(off, len);
    }

    @Override
    public void flush(long off, long len) {
        if (off < 0 || len < 0 || off + len > size) {
            throw new IndexOutOfBoundsException("flush [" + off + ", " + (off + len) + ") outside " + size);
        }
        if (len == 0) {
            return;
        }
        int a = (int) (off / LINE);
        int b = (int) ((off + len - 1) / LINE);
        for (int l = dirty.nextSetBit(a); l >= 0 && l <= b; l = dirty.nextSetBit(l + 1)) {
            inFlight.set(l);
        }
        dirty.clear(a, b + 1);
    }

    @Override
    public void fence() {
        fences++;
        if (fences == crashAt) {
            capture();
            crashAt = -1;
            throw new PowerLoss();
        }
        for (int l = inFlight.nextSetBit(0); l >= 0; l = inFlight.nextSetBit(l + 1)) {
            long off = (long) l * LINE;
            MemorySegment.copy(mem, off, media, off, LINE);
        }
        inFlight.clear();
    }

    @Override
    public void close() {
    }
}
