package org.pmnfs.pmem.layout;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.MemoryLayout.PathElement.sequenceElement;
import static org.pmnfs.pmem.layout.OnMedia.U16;
import static org.pmnfs.pmem.layout.OnMedia.U32;
import static org.pmnfs.pmem.layout.OnMedia.U64;
import static org.pmnfs.pmem.layout.OnMedia.U8;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/**
 * Block 0: the ZUFS device table (MDT, md_def.h) that PMFS2 uses as its super block, followed by
 * the inode-table inode at byte 1728. pmnfs stores its extension fields in two of the MDT's
 * padding areas: the static ones at 1608 (inside the CRC) and the dynamic ones at 1680 (outside).
 */
public final class SuperBlockLayout {

    private SuperBlockLayout() {}

    /** One device entry of the MDT device list: uuid and u64 blocks (low 60 bits count, top 4 NUMA id). */
    private static final StructLayout DEV_ID = MemoryLayout.structLayout(
            MemoryLayout.sequenceLayout(16, U8).withName("uuid"),
            U64.withName("blocks"));

    /** PMFS2 supports 1..64 devices; pmnfs formats exactly one. */
    public static final int MAX_DEVICES = 64;

    /** pmnfs extension (static, CRC-covered), in the MDT's 56 padding bytes after the device list. */
    private static final StructLayout EXT = MemoryLayout.structLayout(
            U32.withName("x_magic"),
            U16.withName("x_version"),
            U16.withName("x_lane_blocks"),
            U64.withName("x_journal_bn"),
            U32.withName("x_lanes"),
            U32.withName("x_reserved0"),
            U64.withName("x_bitmap_bn"),
            U64.withName("x_bitmap_blocks"),
            U64.withName("x_data_bn"),
            U64.withName("x_reserved1"));

    /** pmnfs extension (dynamic, not CRC-covered), in the MDT's 48 padding bytes after s_wtime. */
    private static final StructLayout DYN = MemoryLayout.structLayout(
            U64.withName("x_state"),
            U64.withName("x_mount_count"),
            U64.withName("x_snap_free_blocks"),
            U64.withName("x_snap_used_inodes"),
            U32.withName("x_snap_crc"),
            U32.withName("x_reserved2"),
            U64.withName("x_reserved3"));

    /** The MDT as pmnfs fills it: 1728 bytes, the same size and offsets as md_dev_table. */
    public static final StructLayout MDT = MemoryLayout.structLayout(
            U16.withName("s_sum"),
            U16.withName("s_version"),
            U32.withName("s_magic"),
            MemoryLayout.sequenceLayout(16, U8).withName("s_uuid"),
            U64.withName("s_flags"),
            U64.withName("s_t1_blocks"),
            U64.withName("s_t2_blocks"),
            MemoryLayout.paddingLayout(16),
            U16.withName("id_index"),
            U16.withName("t1_count"),
            U16.withName("t2_count"),
            U16.withName("rmem_count"),
            MemoryLayout.sequenceLayout(MAX_DEVICES, DEV_ID).withName("dev_ids"),
            EXT.withName("x"),
            U64.withName("s_mtime"),
            U64.withName("s_wtime"),
            DYN.withName("xd"));

    /** Block 0 as a whole: MDT then the itable inode (1856 bytes; the rest of the block is zero). */
    public static final StructLayout SUPER_BLOCK = MemoryLayout.structLayout(
            MDT.withName("mdt"),
            InodeLayout.INODE.withName("s_itable"));

    /** u16 CRC-16/MODBUS of [CRC_START, CRC_END). */
    public static final long SUM = mdt("s_sum");
    /** u16 major * 1024 + minor. */
    public static final long VERSION = mdt("s_version");
    /** u32 0x504D4653, "SFMP" on media. */
    public static final long MAGIC = mdt("s_magic");
    public static final long UUID = mdt("s_uuid");
    public static final long FLAGS = mdt("s_flags");
    public static final long T1_BLOCKS = mdt("s_t1_blocks");
    public static final long T2_BLOCKS = mdt("s_t2_blocks");
    public static final long ID_INDEX = mdt("id_index");
    public static final long T1_COUNT = mdt("t1_count");
    public static final long T2_COUNT = mdt("t2_count");
    public static final long RMEM_COUNT = mdt("rmem_count");
    /** Device entry 0: uuid then u64 blocks. */
    public static final long DEV0_UUID = MDT.byteOffset(groupElement("dev_ids"), sequenceElement(0), groupElement("uuid"));
    public static final long DEV0_BLOCKS = MDT.byteOffset(groupElement("dev_ids"), sequenceElement(0), groupElement("blocks"));

    public static final long X_MAGIC = ext("x_magic");
    public static final long X_VERSION = ext("x_version");
    public static final long X_LANE_BLOCKS = ext("x_lane_blocks");
    public static final long X_JOURNAL_BN = ext("x_journal_bn");
    public static final long X_LANES = ext("x_lanes");
    public static final long X_BITMAP_BN = ext("x_bitmap_bn");
    public static final long X_BITMAP_BLOCKS = ext("x_bitmap_blocks");
    public static final long X_DATA_BN = ext("x_data_bn");

    /** u64 ns: the last mount (PMFS2 s_mtime). */
    public static final long MTIME = mdt("s_mtime");
    /** u64 ns: the last write of the super block (PMFS2 s_wtime; mkfs time, then each clean close). */
    public static final long WTIME = mdt("s_wtime");

    /** u64 {@link #STATE_CLEAN} after a clean close, anything else while mounted or after a crash. */
    public static final long X_STATE = dyn("x_state");
    /** u64 mounts so far; feeds the write verifier. */
    public static final long X_MOUNT_COUNT = dyn("x_mount_count");
    /** u64 free blocks recorded with the allocator snapshot. */
    public static final long X_SNAP_FREE_BLOCKS = dyn("x_snap_free_blocks");
    /** u64 live inodes recorded with the allocator snapshot. */
    public static final long X_SNAP_USED_INODES = dyn("x_snap_used_inodes");
    /** u32 CRC32C of the allocator snapshot bitmap. */
    public static final long X_SNAP_CRC = dyn("x_snap_crc");

    /** Byte offset of the inode-table inode in block 0. */
    public static final long ITABLE_INODE = SUPER_BLOCK.byteOffset(groupElement("s_itable"));

    /** The checksum covers [2, 1664): everything static after s_sum (md.c md_mdt_check). */
    public static final long CRC_START = VERSION;
    public static final long CRC_END = MTIME;

    /** "PMFS" read as a little-endian u32 (ZUFS_SUPER_MAGIC of PMFS2). */
    public static final int MAGIC_VALUE = 0x504D4653;
    /** ZUFS_MINORS_PER_MAJOR: s_version = major * 1024 + minor. */
    public static final int MINORS_PER_MAJOR = 1024;
    /** The format pmnfs reads and writes: PMFS2 major 1 minor 0 (= 1024). */
    public static final int SUPPORTED_MAJOR = 1;
    public static final int SUPPORTED_MINOR = 0;
    /** s_flags bit 8 (above the eight MDT-reserved bits): the pmnfs extension is present. */
    public static final long FLAG_PMNFS = 1L << 8;
    /** x_magic: "PNFX" read as a little-endian u32. */
    public static final int X_MAGIC_VALUE = 0x58464E50;
    /** The extension version this code reads and writes. */
    public static final int X_VERSION_VALUE = 1;
    /** x_state after a clean close: "CLEAN\0\0\0" as a little-endian u64. */
    public static final long STATE_CLEAN = 0x4E41454C43L;
    /** x_state while mounted (and therefore after a crash). */
    public static final long STATE_DIRTY = 0;

    /** Device sizes are rounded down to this (ZUFS_ALLOC_MASK, 2 MiB), and mount rejects other sizes. */
    public static final long SIZE_ALIGNMENT = 2L << 20;
    /** Smallest pool: PMFS2 mount refuses fewer than 1024 blocks (balloc.c). */
    public static final long MIN_BLOCKS = 1024;

    private static long mdt(String name) {
        return MDT.byteOffset(groupElement(name));
    }

    private static long ext(String name) {
        return MDT.byteOffset(groupElement("x"), groupElement(name));
    }

    private static long dyn(String name) {
        return MDT.byteOffset(groupElement("xd"), groupElement(name));
    }
}
