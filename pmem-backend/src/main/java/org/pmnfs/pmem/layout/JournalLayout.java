package org.pmnfs.pmem.layout;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static org.pmnfs.pmem.layout.OnMedia.U32;
import static org.pmnfs.pmem.layout.OnMedia.U64;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/**
 * pmnfs's undo journal (an extension; PMFS2 has none): {@code x_lanes} lanes of
 * {@code x_lane_blocks} blocks from {@code x_journal_bn}. A lane starts with one cache line
 * holding {@code done_seq}; undo records follow, each a 24-byte header and the old bytes of one
 * range, padded to 8. A record belongs to the lane's open transaction when its seq is
 * done_seq + 1 and its CRC32C matches. See docs/crash-consistency.md.
 */
public final class JournalLayout {

    private JournalLayout() {}

    /** The lane header line: u64 seq of the last finished transaction. */
    public static final StructLayout LANE_HEADER = MemoryLayout.structLayout(
            U64.withName("done_seq"),
            MemoryLayout.paddingLayout(56));

    /** An undo record's header; {@code len} old bytes follow. */
    public static final StructLayout RECORD = MemoryLayout.structLayout(
            U64.withName("seq"),
            U64.withName("offset"),
            U32.withName("len"),
            U32.withName("crc"));

    /** u64 in the lane header. */
    public static final long DONE_SEQ = LANE_HEADER.byteOffset(groupElement("done_seq"));
    /** Records start after the header line, so writing records never touches the done_seq line. */
    public static final int RECORDS_OFFSET = (int) LANE_HEADER.byteSize();

    public static final long REC_SEQ = RECORD.byteOffset(groupElement("seq"));
    /** u64 pool byte offset of the logged range. */
    public static final long REC_OFFSET = RECORD.byteOffset(groupElement("offset"));
    /** u32 length of the logged range in bytes. */
    public static final long REC_LEN = RECORD.byteOffset(groupElement("len"));
    /** u32 CRC32C of seq, offset, len (24 header bytes with crc = 0) and the old bytes. */
    public static final long REC_CRC = RECORD.byteOffset(groupElement("crc"));
    public static final int REC_HEADER = (int) RECORD.byteSize();

    /** Bytes a record of {@code len} logged bytes takes: header plus data rounded up to 8. */
    public static int recordSize(int len) {
        return REC_HEADER + ((len + 7) & ~7);
    }
}
