package org.pmnfs.pmem.layout;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static org.pmnfs.pmem.layout.OnMedia.U64;
import static org.pmnfs.pmem.layout.OnMedia.U8;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/**
 * PMFS2 directory blocks (dir.c): a singly linked chain of 4 KiB blocks, each a 16-byte header
 * and 255 slots of 16 bytes. A record spans {@code nde} slots; its name starts inside its first
 * slot and runs on into the next ones, without a NUL. ino 0 marks a free record.
 */
public final class DirentLayout {

    private DirentLayout() {}

    /** Block header: next bn (0 = end of chain) and the readdir cookie base of the block. */
    public static final StructLayout HEADER = MemoryLayout.structLayout(
            U64.withName("next"),
            U64.withName("base_off"));

    /** The first 12 bytes of a record; the name follows. */
    public static final StructLayout DIRENT = MemoryLayout.structLayout(
            U64.withName("ino"),
            U8.withName("nde"),
            U8.withName("nde_prev"),
            U8.withName("name_len"),
            U8.withName("file_type"));

    /** u64 bn of the next block in the chain. */
    public static final long NEXT = HEADER.byteOffset(groupElement("next"));
    /** u64 cookie base: 2 + 255 x (dirent blocks the directory had when this one was appended). */
    public static final long BASE_OFF = HEADER.byteOffset(groupElement("base_off"));
    /** Offset of slot 0 inside the block. */
    public static final int SLOTS_OFFSET = (int) HEADER.byteSize();
    /** Bytes per slot: a record's size is a multiple of this. */
    public static final int SLOT_SIZE = 16;
    /** Slots per block: (4096 - 16) / 16. */
    public static final int SLOTS = (OnMedia.BLOCK_SIZE - SLOTS_OFFSET) / SLOT_SIZE;

    /** u64 inode number; 0 = free record. */
    public static final long INO = DIRENT.byteOffset(groupElement("ino"));
    /** u8 slots this record spans (1..255). */
    public static final long NDE = DIRENT.byteOffset(groupElement("nde"));
    /** u8 slots of the previous record (0 for the first record of the block). */
    public static final long NDE_PREV = DIRENT.byteOffset(groupElement("nde_prev"));
    /** u8 name length 1..255 (0 in a free record). */
    public static final long NAME_LEN = DIRENT.byteOffset(groupElement("name_len"));
    /** u8 DT_* type (i_mode >> 12). */
    public static final long FILE_TYPE = DIRENT.byteOffset(groupElement("file_type"));
    /** Offset of the name inside the record. */
    public static final int NAME_OFFSET = (int) DIRENT.byteSize();

    /** readdir positions 0 and 1 are "." and ".."; block k's slots start at 2 + 255 k (PMFS2 dir.c). */
    public static final long FIRST_POSITION = 2;

    /** Slots a record with a name of {@code nameLength} bytes spans: ceil((12 + len) / 16). */
    public static int slotsFor(int nameLength) {
        return (NAME_OFFSET + nameLength + SLOT_SIZE - 1) / SLOT_SIZE;
    }

    /** Byte offset of slot {@code slot} inside its block. */
    public static int slotOffset(int slot) {
        return SLOTS_OFFSET + slot * SLOT_SIZE;
    }

    /** The cookie base of the {@code index}-th block of a chain. */
    public static long baseOff(long index) {
        return FIRST_POSITION + SLOTS * index;
    }
}
