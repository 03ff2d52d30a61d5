package org.pmnfs.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CleanChunkCacheTest {

    private static ChunkBuffer chunk(int bytes) {
        return ChunkBuffer.of(65536, new byte[bytes]);
    }

    @Test
    void staysUnderItsLimitAndKeepsRecentlyReadChunks() {
        CleanChunkCache c = new CleanChunkCache(16 * 4096);
        c.put(1, 1, 0, chunk(4096));
        for (int i = 1; i < 100; i++) {
            c.get(1, 1, 0);
            c.put(1, 1, i, chunk(4096));
            assertTrue(c.bytes() <= 16 * 4096 + 4096, "cache holds " + c.bytes());
        }
        assertNotNull(c.get(1, 1, 0), "a chunk read between insertions survives the sweep");
        assertNull(c.get(1, 1, 2), "an old chunk never read again was evicted");
    }

    @Test
    void takeRemovesAndUncharges() {
        CleanChunkCache c = new CleanChunkCache(1 << 20);
        ChunkBuffer b = chunk(8192);
        c.put(5, 7, 3, b);
        assertEquals(8192, c.bytes());
        assertSame(b, c.take(5, 7, 3));
        assertEquals(0, c.bytes());
        assertNull(c.take(5, 7, 3));
    }

    @Test
    void anotherEpochMissesAndReplacingAChunkKeepsTheCountExact() {
        CleanChunkCache c = new CleanChunkCache(1 << 20);
        c.put(5, 7, 3, chunk(4096));
        assertNull(c.get(5, 8, 3), "a truncate's new epoch must not see old chunks");
        c.put(5, 7, 3, chunk(65536));
        assertEquals(65536, c.bytes());
        CleanChunkCache off = new CleanChunkCache(0);
        off.put(1, 1, 1, chunk(4096));
        assertNull(off.get(1, 1, 1));
        assertEquals(0, off.bytes());
    }
}
