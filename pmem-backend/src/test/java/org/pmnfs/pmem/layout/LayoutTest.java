package org.pmnfs.pmem.layout;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The layout constants against PMFS2's struct offsets (pmfs2_def.h, md_def.h) and the codec round trip. */
class LayoutTest {

    @Test
    void crc16ModbusCheckValue() {
        assertEquals(0x4B37, Crc16Modbus.compute("123456789".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(0xFFFF, Crc16Modbus.compute(new byte[0]));
    }

    @Test
    void superBlockOffsetsMatchPmfs2() {
        assertEquals(0, SuperBlockLayout.SUM);
        assertEquals(2, SuperBlockLayout.VERSION);
        assertEquals(4, SuperBlockLayout.MAGIC);
        assertEquals(8, SuperBlockLayout.UUID);
        assertEquals(24, SuperBlockLayout.FLAGS);
        assertEquals(32, SuperBlockLayout.T1_BLOCKS);
        assertEquals(40, SuperBlockLayout.T2_BLOCKS);
        assertEquals(64, SuperBlockLayout.ID_INDEX);
        assertEquals(66, SuperBlockLayout.T1_COUNT);
        assertEquals(72, SuperBlockLayout.DEV0_UUID);
        assertEquals(88, SuperBlockLayout.DEV0_BLOCKS);
        assertEquals(1608, SuperBlockLayout.X_MAGIC, "extension sits in the MDT padding after the 64 device ids");
        assertEquals(1664, SuperBlockLayout.MTIME);
        assertEquals(1672, SuperBlockLayout.WTIME);
        assertEquals(1680, SuperBlockLayout.X_STATE);
        assertEquals(1728, SuperBlockLayout.MDT.byteSize());
        assertEquals(1728, SuperBlockLayout.ITABLE_INODE);
        assertEquals(1856, SuperBlockLayout.SUPER_BLOCK.byteSize());
        assertEquals(2, SuperBlockLayout.CRC_START);
        assertEquals(1664, SuperBlockLayout.CRC_END);
        assertEquals(1024, SuperBlockLayout.SUPPORTED_MAJOR * SuperBlockLayout.MINORS_PER_MAJOR + SuperBlockLayout.SUPPORTED_MINOR);
    }

    @Test
    void inodeOffsetsMatchPmfs2() {
        assertEquals(128, InodeLayout.SIZE);
        assertEquals(32, InodeLayout.PER_BLOCK);
        assertEquals(1 << InodeLayout.PER_BLOCK_SHIFT, InodeLayout.PER_BLOCK);
        assertEquals(1 << InodeLayout.SHIFT, InodeLayout.SIZE);
        assertEquals(2, InodeLayout.MODE);
        assertEquals(4, InodeLayout.NLINK);
        assertEquals(8, InodeLayout.SIZE_FIELD);
        assertEquals(16, InodeLayout.ROOT);
        assertEquals(24, InodeLayout.HEIGHT);
        assertEquals(32, InodeLayout.BLOCKS);
        assertEquals(40, InodeLayout.MTIME);
        assertEquals(48, InodeLayout.CTIME);
        assertEquals(56, InodeLayout.ATIME);
        assertEquals(64, InodeLayout.INO);
        assertEquals(72, InodeLayout.UID);
        assertEquals(76, InodeLayout.GID);
        assertEquals(80, InodeLayout.XATTR);
        assertEquals(88, InodeLayout.GENERATION);
        assertEquals(96, InodeLayout.UNION_OFFSET);
        assertEquals(104, InodeLayout.SYM_BN);
        assertEquals(104, InodeLayout.DIR_PARENT);
        // Every 8-byte field is 8-byte aligned, so its store is power-fail atomic.
        for (long off : new long[] {InodeLayout.SIZE_FIELD, InodeLayout.ROOT, InodeLayout.BLOCKS, InodeLayout.MTIME,
                InodeLayout.INO, InodeLayout.GENERATION, InodeLayout.DIR_NDENTS, InodeLayout.DIR_PARENT}) {
            assertEquals(0, off % 8, "offset " + off);
        }
    }

    @Test
    void direntGeometry() {
        assertEquals(0, DirentLayout.NEXT);
        assertEquals(8, DirentLayout.BASE_OFF);
        assertEquals(16, DirentLayout.SLOTS_OFFSET);
        assertEquals(255, DirentLayout.SLOTS);
        assertEquals(8, DirentLayout.NDE);
        assertEquals(9, DirentLayout.NDE_PREV);
        assertEquals(10, DirentLayout.NAME_LEN);
        assertEquals(11, DirentLayout.FILE_TYPE);
        assertEquals(12, DirentLayout.NAME_OFFSET);
        assertEquals(1, DirentLayout.slotsFor(1));
        assertEquals(1, DirentLayout.slotsFor(4));
        assertEquals(2, DirentLayout.slotsFor(5));
        assertEquals(17, DirentLayout.slotsFor(255));
        assertEquals(2, DirentLayout.baseOff(0));
        assertEquals(257, DirentLayout.baseOff(1));
    }

    @Test
    void radixCapacities() {
        assertEquals(512, RadixLayout.FANOUT);
        assertEquals(1, RadixLayout.capacity(0));
        assertEquals(512L * 512 * 512, RadixLayout.capacity(3));
        assertEquals(512L << 30, RadixLayout.MAX_FILE_SIZE);
        assertEquals(0, RadixLayout.heightFor(0));
        assertEquals(0, RadixLayout.heightFor(1));
        assertEquals(1, RadixLayout.heightFor(2));
        assertEquals(1, RadixLayout.heightFor(512));
        assertEquals(2, RadixLayout.heightFor(513));
        assertEquals(3, RadixLayout.heightFor(512L * 512 + 1));
        assertEquals(511, RadixLayout.slot(511, 1));
        assertEquals(1, RadixLayout.slot(512, 2));
        assertEquals(0, RadixLayout.slot(512, 1));
    }

    @Test
    void deviceNumbersUseLinuxNewEncoding() {
        int dev = InodeLayout.encodeDev(259, 300);
        assertEquals(259, InodeLayout.devMajor(dev));
        assertEquals(300, InodeLayout.devMinor(dev));
        assertEquals((8 << 8) | 1, InodeLayout.encodeDev(8, 1), "sda1 is 0x801 in both encodings");
    }

    @Test
    void geometryOfSmallAndLargePools() {
        Geometry tiny = Geometry.forBlocks(1024);
        assertNull(tiny.problem());
        assertEquals(4, tiny.lanes());
        assertEquals(1, tiny.journalBn());
        assertEquals(33, tiny.bitmapBn());
        assertEquals(1, tiny.bitmapBlocks());
        assertEquals(34, tiny.dataBn());
        Geometry big = Geometry.forBlocks(1L << 20);
        assertEquals(16, big.lanes());
        assertEquals(32, big.bitmapBlocks());
        assertNull(big.problem());
        assertNotNull(new Geometry(1024, 1, 4, 8, 34, 1, 35).problem(), "bitmap must follow the journal");
        assertNotNull(new Geometry(1024, 1, 4, 8, 33, 2, 35).problem(), "bitmap size must match the block count");
    }

    @Test
    void superBlockRoundTrip() {
        Geometry g = Geometry.forBlocks(4096);
        UUID u = UUID.fromString("0123abcd-4567-89ef-0123-456789abcdef");
        SuperBlock sb = SuperBlock.fresh(u, g, 42);
        MemorySegment b = MemorySegment.ofArray(new byte[4096]);
        int crc = sb.encode(b);
        SuperBlock back = SuperBlock.decode(b);
        assertEquals(crc, back.sum());
        assertEquals(crc, SuperBlock.computeCrc(b));
        assertEquals(u, back.uuid());
        assertEquals(g, back.geometry());
        assertEquals(1024, back.version());
        assertEquals(SuperBlockLayout.MAGIC_VALUE, back.magic());
        assertTrue(back.hasPmnfsExtension());
        assertEquals(42, back.wtime());
        // The magic is "PMFS" read little-endian: 53 46 4D 50 on media.
        assertEquals(0x53, b.get(OnMedia.U8, 4));
        assertEquals(0x50, b.get(OnMedia.U8, 7));
        // The uuid is stored in network order (libuuid).
        assertEquals(0x01, b.get(OnMedia.U8, 8));
        assertEquals((byte) 0xef, b.get(OnMedia.U8, 23));
        // A change inside [2, 1664) breaks the checksum; one in the dynamic part does not.
        b.set(OnMedia.U8, 1000, (byte) 1);
        assertNotEquals(crc, SuperBlock.computeCrc(b));
        b.set(OnMedia.U8, 1000, (byte) 0);
        b.set(OnMedia.U64, SuperBlockLayout.X_STATE, SuperBlockLayout.STATE_CLEAN);
        assertEquals(crc, SuperBlock.computeCrc(b));
    }
}
