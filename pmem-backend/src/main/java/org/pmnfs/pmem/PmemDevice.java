package org.pmnfs.pmem;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * The one path for every load and store to the pool: words, byte copies, fills, and the two
 * persistence primitives. Keeping it this small lets a test device record which cache lines
 * were written but not persisted and drop them to simulate power loss.
 *
 * <p>Offsets are pool byte offsets. 8-byte stores must be 8-byte aligned; they are the only
 * stores assumed atomic across power loss (docs/crash-consistency.md, "Hardware assumptions").
 */
interface PmemDevice extends AutoCloseable {

    /** Bytes of the pool. */
    long size();

    MappingMode mappingMode();

    /** The pool's path (or a test name), for messages. */
    String name();

    byte getByte(long off);

    short getShort(long off);

    int getInt(long off);

    long getLong(long off);

    void putByte(long off, byte value);

    void putShort(long off, short value);

    void putInt(long off, int value);

    /** An aligned 8-byte store: atomic with respect to power loss. */
    void putLong(long off, long value);

    /** Copies {@code len} bytes from the pool at {@code off} into {@code dst} at {@code dstOff}. */
    void read(long off, MemorySegment dst, long dstOff, long len);

    /** Copies {@code len} bytes from {@code src} at {@code srcOff} into the pool at {@code off}. */
    void write(long off, MemorySegment src, long srcOff, long len);

    /** Stores {@code value} into {@code len} bytes from {@code off}. */
    void fill(long off, long len, byte value);

    /**
     * Starts writing back the cache lines covering {@code [off, off + len)}. They are durable only
     * after the next {@link #fence()}.
     */
    void flush(long off, long len);

    /** Flushes every range of {@code ranges} (a device may coalesce them). */
    default void flush(FlushSet ranges) {
        for (int i = 0; i < ranges.count(); i++) {
            flush(ranges.start(i), ranges.end(i) - ranges.start(i));
        }
    }

    /** Waits until every earlier flush is durable, and orders later stores after it. */
    void fence();

    /** flush + fence: {@code [off, off + len)} is durable on return. */
    default void persist(long off, long len) {
        flush(off, len);
        fence();
    }

    /** Persists (fences ending a flush) since the device opened, for monitoring; 0 where not counted. */
    default long persists() {
        return 0;
    }

    /** Unmaps the pool; later accesses fail. Does not persist anything. */
    @Override
    void close() throws IOException;
}
