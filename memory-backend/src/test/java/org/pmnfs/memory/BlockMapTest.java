package org.pmnfs.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Block arithmetic of {@link BlockMap}: partial-block growth, holes, truncation and the top of the offset range. */
class BlockMapTest {

    private static byte[] read(BlockMap m, long offset, int length) {
        ByteBuffer dst = ByteBuffer.allocate(length);
        m.read(offset, length, dst);
        assertEquals(length, dst.position());
        return dst.array();
    }

    private static byte[] bytes(int seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void refusesBlockSizesThatAreNotPowersOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new BlockMap(100));
        assertThrows(IllegalArgumentException.class, () -> new BlockMap(32));
    }

    @Test
    void partialBlocksGrowInPowersOfTwo() {
        BlockMap m = new BlockMap(4096);
        assertEquals(64, m.allocationFor(1));
        assertEquals(64, m.allocationFor(64));
        assertEquals(128, m.allocationFor(65));
        assertEquals(4096, m.allocationFor(2049));
        assertEquals(4096, m.allocationFor(4096));
        m.write(0, ByteBuffer.wrap(new byte[100]));
        assertEquals(128, m.allocatedBytes(), "a 100-byte file holds 128 bytes, not a block");
        m.write(100, ByteBuffer.wrap(new byte[200]));
        assertEquals(512, m.allocatedBytes());
    }

    @Test
    void growthForPredictsWhatAWriteAllocates() {
        Random random = new Random(1);
        BlockMap m = new BlockMap(256);
        for (int i = 0; i < 500; i++) {
            long offset = random.nextInt(20_000);
            int n = random.nextInt(1000);
            long predicted = m.growthFor(offset, n);
            long before = m.allocatedBytes();
            long grown = m.write(offset, ByteBuffer.wrap(new byte[n]));
            assertEquals(predicted, grown, "write " + i);
            assertEquals(before + grown, m.allocatedBytes());
        }
    }

    @Test
    void holesCostNothingAndReadAsZeros() {
        BlockMap m = new BlockMap(1024);
        m.write(10L << 40, ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertEquals(1, m.blockCount());
        assertEquals(64, m.allocatedBytes());
        assertArrayEquals(new byte[5000], read(m, 5, 5000));
        assertArrayEquals(new byte[] {0, 1, 2, 3, 0}, read(m, (10L << 40) - 1, 5));
    }

    @Test
    void writesAndReadsAcrossManyBlocksAtUnalignedOffsets() {
        BlockMap m = new BlockMap(64);
        byte[] data = bytes(2, 10_000);
        m.write(37, ByteBuffer.wrap(data));
        assertArrayEquals(data, read(m, 37, data.length));
        ByteBuffer direct = ByteBuffer.allocateDirect(300);
        m.read(101, 300, direct);
        byte[] got = new byte[300];
        direct.flip().get(got);
        assertArrayEquals(Arrays.copyOfRange(data, 64, 364), got);
    }

    @Test
    void writeAdvancesTheSourceAndReadTheDestination() {
        BlockMap m = new BlockMap(64);
        ByteBuffer src = ByteBuffer.wrap(bytes(3, 200));
        src.position(50);
        m.write(0, src);
        assertEquals(200, src.position());
        ByteBuffer dst = ByteBuffer.allocate(500);
        dst.position(10);
        m.read(0, 150, dst);
        assertEquals(160, dst.position());
    }

    @Test
    void truncateFreesWholeBlocksAndZeroesThePartialTail() {
        BlockMap m = new BlockMap(1024);
        m.write(0, ByteBuffer.wrap(bytes(4, 5000)));
        assertEquals(5 * 1024, m.allocatedBytes());
        long freed = m.truncate(1500);
        assertEquals(3 * 1024, freed);
        assertEquals(2 * 1024, m.allocatedBytes());
        byte[] after = read(m, 0, 2048);
        assertArrayEquals(Arrays.copyOf(bytes(4, 5000), 1500), Arrays.copyOf(after, 1500));
        assertArrayEquals(new byte[548], Arrays.copyOfRange(after, 1500, 2048), "the old tail reads as zeros");
        assertEquals(1024, m.truncate(1024), "a size on a block edge frees the block at it");
        assertEquals(1024, m.truncate(0));
        assertEquals(0, m.blockCount());
    }

    @Test
    void clearFreesEverything() {
        BlockMap m = new BlockMap(64);
        m.write(1000, ByteBuffer.wrap(new byte[1000]));
        long held = m.allocatedBytes();
        assertEquals(held, m.clear());
        assertEquals(0, m.allocatedBytes());
        assertArrayEquals(new byte[100], read(m, 1000, 100));
    }

    @Test
    void worksAtTheTopOfTheOffsetRange() {
        BlockMap m = new BlockMap(65536);
        long last = Long.MAX_VALUE - 1;
        assertEquals(65536, m.growthFor(last, 1), "the last byte of a block needs the whole block's array");
        m.write(last, ByteBuffer.wrap(new byte[] {7}));
        assertArrayEquals(new byte[] {7}, read(m, last, 1));
        assertEquals(65536, m.truncate(Long.MAX_VALUE - 65536 * 4L));
        assertEquals(0, m.blockCount());
    }
}
