package org.pmnfs.pmem;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * How to open a pmem pool. Immutable; the defaults are named constants.
 *
 * @param device        the pool: a file (on DAX or not) or a device-DAX node
 * @param createSize    when non-zero and the file does not exist, format a new pool of this many bytes
 * @param chunkShift    log2 of the mapping chunk size (mappings are made in chunks of 2^chunkShift bytes)
 * @param clock         the source of timestamps
 */
public record PmemConfig(Path device, long createSize, int chunkShift, Clock clock) {

    /** Where {@code pmnfs serve} looks when no --device is given. */
    public static final Path DEFAULT_DEVICE = Path.of("pmnfs.pool");
    /** The size {@code pmnfs serve} creates a missing default pool with: 1 GiB. */
    public static final long DEFAULT_CREATE_SIZE = 1L << 30;
    /** 1 GiB chunks: few mappings, each a multiple of any device-DAX alignment. */
    public static final int DEFAULT_CHUNK_SHIFT = MappedDevice.DEFAULT_CHUNK_SHIFT;

    public PmemConfig {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(clock, "clock");
        if (createSize < 0) {
            throw new IllegalArgumentException("createSize: negative " + createSize);
        }
        if (chunkShift < MappedDevice.MIN_CHUNK_SHIFT || chunkShift > 62) {
            throw new IllegalArgumentException("chunkShift: must be " + MappedDevice.MIN_CHUNK_SHIFT + "..62, got " + chunkShift);
        }
    }

    /** Opens an existing pool at {@code device}, with the default chunking and the system clock. */
    public static PmemConfig of(Path device) {
        return new PmemConfig(device, 0, DEFAULT_CHUNK_SHIFT, Clock.systemUTC());
    }

    /** Formats a pool of {@code size} bytes if {@code device} does not exist yet. */
    public PmemConfig withCreateIfMissing(long size) {
        return new PmemConfig(device, size, chunkShift, clock);
    }

    public PmemConfig withChunkShift(int shift) {
        return new PmemConfig(device, createSize, shift, clock);
    }

    public PmemConfig withClock(Clock c) {
        return new PmemConfig(device, createSize, chunkShift, c);
    }
}
