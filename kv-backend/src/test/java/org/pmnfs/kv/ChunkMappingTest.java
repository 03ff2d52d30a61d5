package org.pmnfs.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ChunkMappingTest {

    @Test
    void splitsOffsetsAtChunkBoundaries() {
        ChunkMapping m = new ChunkMapping(4096);
        assertEquals(0, m.index(0));
        assertEquals(0, m.index(4095));
        assertEquals(1, m.index(4096));
        assertEquals(4095, m.within(4095));
        assertEquals(0, m.within(8192));
        assertEquals(8192, m.start(2));
        ChunkMapping big = new ChunkMapping(2 << 20);
        assertEquals(3, big.index(3L * (2 << 20) + 17));
        assertEquals(17, big.within(3L * (2 << 20) + 17));
        assertEquals((1L << 50) >>> 21, big.index(1L << 50));
    }

    @Test
    void countsChunksCoveringASize() {
        ChunkMapping m = new ChunkMapping(65536);
        assertEquals(0, m.chunksFor(0));
        assertEquals(1, m.chunksFor(1));
        assertEquals(1, m.chunksFor(65536));
        assertEquals(2, m.chunksFor(65537));
    }

    @Test
    void lengthInFileClampsToTheChunkAndTheEnd() {
        ChunkMapping m = new ChunkMapping(4096);
        assertEquals(4096, m.lengthInFile(0, 10_000));
        assertEquals(10_000 - 8192, m.lengthInFile(2, 10_000));
        assertEquals(0, m.lengthInFile(3, 10_000));
        assertEquals(0, m.lengthInFile(0, 0));
    }

    @Test
    void refusesSizesThatAreNotPowersOfTwoInRange() {
        for (int bad : new int[] {0, 2048, 4097, 3 << 12, 4 << 20}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ChunkMapping(bad));
            assertEquals(true, e.getMessage().contains(Integer.toString(bad)), e.getMessage());
        }
    }
}
