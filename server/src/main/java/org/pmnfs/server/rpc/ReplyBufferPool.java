package org.pmnfs.server.rpc;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.memory.ByteBufferWrapper;
import org.glassfish.grizzly.memory.MemoryManager;

/**
 * Reply buffers. Small replies are ordinary heap buffers; large ones (a READ of up to 1 MiB, a
 * READDIR page) come from a pool of direct buffers of one size, because a fresh 1 MiB heap array
 * per READ is a humongous allocation for G1, and a heap buffer is copied once more into a direct
 * one by the socket write, where a direct buffer goes to the kernel as it is. Grizzly disposes a
 * reply buffer when its write completed, which returns it here; a buffer lost with a failed write
 * is simply collected.
 */
final class ReplyBufferPool {

    /** Replies smaller than this are heap buffers: cheap to allocate, cheap to copy. */
    static final int POOLED_MIN_BYTES = 64 * 1024;

    private final int capacity;
    private final int maxIdle;
    private final ConcurrentLinkedQueue<ByteBuffer> idle = new ConcurrentLinkedQueue<>();
    /** Buffers in {@link #idle}; guards the bound without counting the queue. */
    private final AtomicInteger idleCount = new AtomicInteger();

    /**
     * @param capacity the size of every pooled buffer (the largest reply that is pooled)
     * @param maxIdle  how many unused buffers are kept; more are left to the garbage collector
     */
    ReplyBufferPool(int capacity, int maxIdle) {
        this.capacity = capacity;
        this.maxIdle = maxIdle;
    }

    /** A buffer of at least {@code size} bytes for one reply. */
    Buffer allocate(MemoryManager heap, int size) {
        if (size < POOLED_MIN_BYTES || size > capacity) {
            return heap.allocate(size);
        }
        ByteBuffer b = idle.poll();
        if (b == null) {
            b = ByteBuffer.allocateDirect(capacity);
        } else {
            idleCount.decrementAndGet();
        }
        b.clear();
        return new Pooled(b, this);
    }

    private void giveBack(ByteBuffer b) {
        if (idleCount.incrementAndGet() <= maxIdle) {
            idle.offer(b);
        } else {
            idleCount.decrementAndGet();
        }
    }

    /** Unused buffers held right now. */
    int idle() {
        return idleCount.get();
    }

    /** A pooled buffer that goes back to its pool when Grizzly disposes it after the write. */
    private static final class Pooled extends ByteBufferWrapper {
        private final ByteBuffer whole;
        private final ReplyBufferPool home;
        private final AtomicBoolean returned = new AtomicBoolean();

        Pooled(ByteBuffer whole, ReplyBufferPool home) {
            super(whole);
            this.whole = whole;
            this.home = home;
            allowBufferDispose(true);
        }

        @Override
        public void dispose() {
            if (returned.compareAndSet(false, true)) {
                super.dispose();
                home.giveBack(whole);
            }
        }
    }
}
