package org.pmnfs.server.nlm;

/**
 * A byte range of a lock: {@code start} to {@code end} inclusive, both unsigned 64-bit, so the
 * whole NLM4 offset space (uint64) fits and "to the end of the file" is {@link #EOF}. NLM sends an
 * offset and a length; a length of 0, or one that runs past 2^64 - 1, means to the end of the
 * file (as Linux lockd reads it, fs/lockd/xdr4.c).
 *
 * @param start the first byte (unsigned)
 * @param end   the last byte (unsigned, at least {@code start}); {@link #EOF} for "to the end"
 */
public record LockRange(long start, long end) {

    /** The last byte there is: 2^64 - 1 as an unsigned long. */
    public static final long EOF = -1L;

    /** The whole file. */
    public static final LockRange WHOLE_FILE = new LockRange(0, EOF);

    public LockRange {
        if (Long.compareUnsigned(start, end) > 0) {
            throw new IllegalArgumentException("end " + Long.toUnsignedString(end) + " is before start "
                    + Long.toUnsignedString(start));
        }
    }

    /** The range NLM's (offset, length) names: length 0, or one running past 2^64 - 1, is to the end. */
    public static LockRange of(long offset, long length) {
        if (length == 0) {
            return new LockRange(offset, EOF);
        }
        long end = offset + length - 1;
        if (Long.compareUnsigned(end, offset) < 0) {
            return new LockRange(offset, EOF);
        }
        return new LockRange(offset, end);
    }

    /** The NLM length of this range: 0 when it runs to the end. */
    public long length() {
        return end == EOF ? 0 : end - start + 1;
    }

    public boolean overlaps(LockRange o) {
        return Long.compareUnsigned(start, o.end) <= 0 && Long.compareUnsigned(o.start, end) <= 0;
    }

    /** Whether this range overlaps {@code o} or ends right before it starts (or the other way). */
    boolean touches(LockRange o) {
        return overlaps(o) || (end != EOF && end + 1 == o.start) || (o.end != EOF && o.end + 1 == start);
    }

    public boolean contains(LockRange o) {
        return Long.compareUnsigned(start, o.start) <= 0 && Long.compareUnsigned(o.end, end) <= 0;
    }

    /** The smallest range covering both. */
    LockRange span(LockRange o) {
        return new LockRange(Long.compareUnsigned(start, o.start) <= 0 ? start : o.start,
                Long.compareUnsigned(end, o.end) >= 0 ? end : o.end);
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(start) + "-" + (end == EOF ? "EOF" : Long.toUnsignedString(end));
    }
}
