package org.pmnfs.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ChunkPoolTest {

    @Test
    void keepsOnlyFullSizeArraysUpToItsBound() {
        int chunk = 1 << 20;
        ChunkPool pool = new ChunkPool(chunk, 16L << 20); // holds 16
        pool.give(new byte[4096]);
        assertEquals(0, pool.size(), "a partial chunk's array is not pooled");
        for (int i = 0; i < 20; i++) {
            pool.give(new byte[chunk]);
        }
        assertEquals(16, pool.size());
        byte[] a = new byte[chunk];
        ChunkPool one = new ChunkPool(chunk, 0); // still one
        one.give(a);
        assertSame(a, one.take());
        assertNull(one.take());
    }

    @Test
    void aRecycledArrayIsFullyOverwrittenByAWholeChunkWrite() {
        byte[] dirty = new byte[4096];
        Arrays.fill(dirty, (byte) 7);
        ChunkBuffer c = ChunkBuffer.forWholeChunkWrite(dirty);
        byte[] data = new byte[4096];
        Arrays.fill(data, 0, 100, (byte) 1);
        c.write(0, ByteBuffer.wrap(data, 0, 100), 100);
        c.write(100, ByteBuffer.wrap(data, 100, 3996), 3996);
        ByteBuffer back = ByteBuffer.allocate(4096);
        c.read(0, back, 4096);
        assertEquals(ByteBuffer.wrap(data), back.flip());
    }
}
