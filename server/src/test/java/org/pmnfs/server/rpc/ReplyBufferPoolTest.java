package org.pmnfs.server.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.memory.HeapMemoryManager;
import org.junit.jupiter.api.Test;

/** Large replies come from a bounded pool of direct buffers and go back when disposed. */
class ReplyBufferPoolTest {

    private static final HeapMemoryManager HEAP = new HeapMemoryManager();

    @Test
    void smallRepliesAreHeapAndLargeOnesPooledDirect() {
        ReplyBufferPool pool = new ReplyBufferPool(1 << 20, 2);
        Buffer small = pool.allocate(HEAP, 4096);
        assertFalse(small.isDirect());
        Buffer large = pool.allocate(HEAP, 300_000);
        assertTrue(large.isDirect());
        assertTrue(large.capacity() >= 300_000);
        Buffer huge = pool.allocate(HEAP, (1 << 20) + 1);
        assertFalse(huge.isDirect(), "larger than the pooled size: not pooled");
    }

    @Test
    void disposedBuffersReturnOnceAndTheIdleCountIsBounded() {
        ReplyBufferPool pool = new ReplyBufferPool(1 << 20, 2);
        Buffer a = pool.allocate(HEAP, 100_000);
        Buffer b = pool.allocate(HEAP, 100_000);
        Buffer c = pool.allocate(HEAP, 100_000);
        assertEquals(0, pool.idle());
        assertTrue(a.tryDispose(), "pooled buffers are disposable, so Grizzly returns them after the write");
        a.tryDispose();
        assertEquals(1, pool.idle(), "a second dispose does not return it twice");
        b.tryDispose();
        c.tryDispose();
        assertEquals(2, pool.idle(), "at most maxIdle are kept");
        pool.allocate(HEAP, 100_000);
        assertEquals(1, pool.idle(), "an idle buffer is reused");
    }
}
