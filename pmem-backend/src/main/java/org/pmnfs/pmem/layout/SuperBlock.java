package org.pmnfs.pmem.layout;

import static org.pmnfs.pmem.layout.OnMedia.U16;
import static org.pmnfs.pmem.layout.OnMedia.U32;
import static org.pmnfs.pmem.layout.OnMedia.U64;
import static org.pmnfs.pmem.layout.SuperBlockLayout.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.UUID;

/**
 * The decoded MDT fields of block 0 (not the itable inode), and the codec between this record
 * and the bytes. Decoding never validates: the opener decides which problems are fatal.
 */
public record SuperBlock(
        int sum,
        int version,
        int magic,
        UUID uuid,
        long flags,
        long t1Blocks,
        long t2Blocks,
        int t1Count,
        long dev0Blocks,
        int xMagic,
        int xVersion,
        Geometry geometry,
        long mtime,
        long wtime,
        long state,
        long mountCount,
        long snapFreeBlocks,
        long snapUsedInodes,
        int snapCrc) {

    /** A freshly formatted super block for a pool of {@code geometry.totalBlocks()} blocks. */
    public static SuperBlock fresh(UUID uuid, Geometry geometry, long nowNanos) {
        return new SuperBlock(0, SUPPORTED_MAJOR * MINORS_PER_MAJOR + SUPPORTED_MINOR, MAGIC_VALUE, uuid,
                FLAG_PMNFS, geometry.totalBlocks(), 0, 1, geometry.totalBlocks(), X_MAGIC_VALUE, X_VERSION_VALUE,
                geometry, 0, nowNanos, STATE_DIRTY, 0, 0, 0, 0);
    }

    /** Reads the MDT fields from a copy of block 0 (at least {@link SuperBlockLayout#MDT} bytes). */
    public static SuperBlock decode(MemorySegment b) {
        Geometry g = new Geometry(
                b.get(U64, T1_BLOCKS),
                b.get(U64, X_JOURNAL_BN),
                b.get(U32, X_LANES),
                Short.toUnsignedInt(b.get(U16, X_LANE_BLOCKS)),
                b.get(U64, X_BITMAP_BN),
                b.get(U64, X_BITMAP_BLOCKS),
                b.get(U64, X_DATA_BN));
        return new SuperBlock(
                Short.toUnsignedInt(b.get(U16, SUM)),
                Short.toUnsignedInt(b.get(U16, VERSION)),
                b.get(U32, MAGIC),
                uuidAt(b, UUID),
                b.get(U64, FLAGS),
                b.get(U64, T1_BLOCKS),
                b.get(U64, T2_BLOCKS),
                Short.toUnsignedInt(b.get(U16, T1_COUNT)),
                b.get(U64, DEV0_BLOCKS),
                b.get(U32, X_MAGIC),
                Short.toUnsignedInt(b.get(U16, X_VERSION)),
                g,
                b.get(U64, MTIME),
                b.get(U64, WTIME),
                b.get(U64, X_STATE),
                b.get(U64, X_MOUNT_COUNT),
                b.get(U64, X_SNAP_FREE_BLOCKS),
                b.get(U64, X_SNAP_USED_INODES),
                b.get(U32, X_SNAP_CRC));
    }

    /**
     * Writes every MDT field of this record into {@code b} (a copy of block 0) and a fresh CRC;
     * returns the CRC written. The itable inode at 1728 is left alone.
     */
    public int encode(MemorySegment b) {
        b.set(U16, VERSION, (short) version);
        b.set(U32, MAGIC, magic);
        putUuid(b, UUID, uuid);
        b.set(U64, FLAGS, flags);
        b.set(U64, T1_BLOCKS, t1Blocks);
        b.set(U64, T2_BLOCKS, t2Blocks);
        b.set(U16, ID_INDEX, (short) 0);
        b.set(U16, T1_COUNT, (short) t1Count);
        b.set(U16, T2_COUNT, (short) 0);
        b.set(U16, RMEM_COUNT, (short) 0);
        putUuid(b, DEV0_UUID, uuid);
        b.set(U64, DEV0_BLOCKS, dev0Blocks);
        b.set(U32, X_MAGIC, xMagic);
        b.set(U16, X_VERSION, (short) xVersion);
        b.set(U16, X_LANE_BLOCKS, (short) geometry.laneBlocks());
        b.set(U64, X_JOURNAL_BN, geometry.journalBn());
        b.set(U32, X_LANES, geometry.lanes());
        b.set(U64, X_BITMAP_BN, geometry.bitmapBn());
        b.set(U64, X_BITMAP_BLOCKS, geometry.bitmapBlocks());
        b.set(U64, X_DATA_BN, geometry.dataBn());
        b.set(U64, MTIME, mtime);
        b.set(U64, WTIME, wtime);
        b.set(U64, X_STATE, state);
        b.set(U64, X_MOUNT_COUNT, mountCount);
        b.set(U64, X_SNAP_FREE_BLOCKS, snapFreeBlocks);
        b.set(U64, X_SNAP_USED_INODES, snapUsedInodes);
        b.set(U32, X_SNAP_CRC, snapCrc);
        int crc = computeCrc(b);
        b.set(U16, SUM, (short) crc);
        return crc;
    }

    /** CRC-16/MODBUS of bytes [2, 1664) of {@code b}. */
    public static int computeCrc(MemorySegment b) {
        return Crc16Modbus.compute(b, CRC_START, CRC_END - CRC_START);
    }

    public int major() {
        return version / MINORS_PER_MAJOR;
    }

    public int minor() {
        return version % MINORS_PER_MAJOR;
    }

    public boolean hasPmnfsExtension() {
        return (flags & FLAG_PMNFS) != 0 && xMagic == X_MAGIC_VALUE;
    }

    public boolean isClean() {
        return state == STATE_CLEAN;
    }

    /** The 8-byte fsid of file handles: the two halves of the pool uuid xor-ed. */
    public long fsid() {
        return uuid.getMostSignificantBits() ^ uuid.getLeastSignificantBits();
    }

    private static final ValueLayout.OfLong BE64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    /** A uuid's 16 bytes in RFC 4122 (network) order, as libuuid stores them. */
    private static UUID uuidAt(MemorySegment b, long off) {
        return new UUID(b.get(BE64, off), b.get(BE64, off + 8));
    }

    private static void putUuid(MemorySegment b, long off, UUID u) {
        b.set(BE64, off, u.getMostSignificantBits());
        b.set(BE64, off + 8, u.getLeastSignificantBits());
    }
}
