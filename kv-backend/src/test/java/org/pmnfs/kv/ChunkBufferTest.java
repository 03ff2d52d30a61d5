package org.pmnfs.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ChunkBufferTest {

    private static ByteBuffer filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return ByteBuffer.wrap(b);
    }

    @Test
    void growsInPowersOfTwoUpToTheChunkSize() {
        ChunkBuffer c = ChunkBuffer.empty(65536);
        assertEquals(0, c.capacity());
        c.write(0, filled(100, 1), 100);
        assertEquals(4096, c.capacity());
        c.write(5000, filled(10, 2), 10);
        assertEquals(8192, c.capacity());
        assertEquals(5010, c.length());
        c.write(60_000, filled(5536, 3), 5536);
        assertEquals(65536, c.capacity());
        assertEquals(65536, c.capacityAfterWrite(0, 1));
    }

    @Test
    void gapsAndBytesPastTheLengthReadAsZeros() {
        ChunkBuffer c = ChunkBuffer.empty(16384);
        c.write(10, filled(5, 7), 5);
        ByteBuffer dst = ByteBuffer.allocate(30);
        c.read(0, dst, 30);
        byte[] expected = new byte[30];
        Arrays.fill(expected, 10, 15, (byte) 7);
        assertArrayEquals(expected, dst.array());
    }

    @Test
    void truncateZeroesTheCutTailSoRegrowingShowsZeros() {
        ChunkBuffer c = ChunkBuffer.empty(4096);
        c.write(0, filled(100, 9), 100);
        c.truncate(40);
        assertEquals(40, c.length());
        c.write(90, filled(1, 5), 1);
        ByteBuffer dst = ByteBuffer.allocate(91);
        c.read(0, dst, 91);
        byte[] expected = new byte[91];
        Arrays.fill(expected, 0, 40, (byte) 9);
        expected[90] = 5;
        assertArrayEquals(expected, dst.array());
        assertEquals(91, c.value().length);
    }

    @Test
    void refusesWritesPastTheChunk() {
        ChunkBuffer c = ChunkBuffer.empty(4096);
        assertThrows(IndexOutOfBoundsException.class, () -> c.write(4000, filled(100, 1), 100));
        assertThrows(IllegalArgumentException.class, () -> ChunkBuffer.of(4096, new byte[4097]));
    }
}
