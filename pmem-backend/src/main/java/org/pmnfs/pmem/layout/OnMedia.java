package org.pmnfs.pmem.layout;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The scalar layouts every on-media field is declared with: little-endian, as PMFS2 (an x86-64
 * file system) writes them, and byte-aligned so the same layouts read a heap copy of a block.
 * The code that stores to the pool keeps 8-byte fields 8-byte aligned (see
 * docs/crash-consistency.md, "8-byte atomic stores").
 */
public final class OnMedia {

    private OnMedia() {}

    /** Every multi-byte field is little-endian (PMFS2 is x86-64 only). */
    public static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    public static final ValueLayout.OfByte U8 = ValueLayout.JAVA_BYTE;
    public static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ORDER);
    public static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ORDER);
    public static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ORDER);

    /** 8-byte fields as stored to the pool: aligned, so a misaligned store fails loudly instead of tearing. */
    public static final ValueLayout.OfLong U64_ALIGNED = ValueLayout.JAVA_LONG.withOrder(ORDER);

    /** Bytes in one block: PMFS2 uses the 4 KiB page size everywhere (pmfs2_def.h). */
    public static final int BLOCK_SIZE = 4096;

    /** log2(BLOCK_SIZE): a block number becomes a byte offset by this shift. */
    public static final int BLOCK_SHIFT = 12;

    /** Bytes in a CPU cache line, the unit in which stores reach persistent memory (x86-64). */
    public static final int CACHE_LINE = 64;

    /** Byte offset of block {@code bn} from the start of the pool (bn 0 is the super block, never data). */
    public static long blockOffset(long bn) {
        return bn << BLOCK_SHIFT;
    }
}
