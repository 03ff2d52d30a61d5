package org.pmnfs.pmem;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.pmnfs.pmem.layout.Geometry;
import org.pmnfs.vfs.NoSpcException;

/** Reservations, CAS allocation across threads, release rules and the clean-close snapshot. */
class BlockAllocatorTest {

    private final Geometry g = Geometry.forBlocks(1024);

    @Test
    void startsWithTheDataAreaFree() {
        BlockAllocator a = new BlockAllocator(g);
        assertEquals(1024 - g.dataBn(), a.freeBlocks());
        assertEquals(a.freeBlocks(), a.dataBlocks());
        assertTrue(a.isUsed(0), "the super block is never free");
        assertTrue(a.isUsed(g.dataBn() - 1), "the snapshot area is never free");
        assertFalse(a.isUsed(g.dataBn()));
    }

    @Test
    void allocatesDistinctDataBlocksAndReleasesThem() throws Exception {
        BlockAllocator a = new BlockAllocator(g);
        long free = a.freeBlocks();
        Set<Long> got = new HashSet<>();
        try (BlockAllocator.Reservation r = a.reserve(free)) {
            for (int i = 0; i < free; i++) {
                long bn = a.allocate(r);
                assertTrue(g.isDataBlock(bn), "block " + bn);
                assertTrue(got.add(bn), "block " + bn + " handed out twice");
            }
            assertThrows(IllegalStateException.class, () -> a.allocate(r), "a reservation cannot be overdrawn");
        }
        assertEquals(0, a.freeBlocks());
        for (long bn : got) {
            a.release(bn);
        }
        assertEquals(free, a.freeBlocks());
        long some = got.iterator().next();
        assertThrows(IllegalStateException.class, () -> a.release(some), "double free is caught");
        assertThrows(IllegalArgumentException.class, () -> a.release(0), "the super block can never be released");
    }

    @Test
    void reservingTooMuchIsNospcAndPromisesNothing() throws Exception {
        BlockAllocator a = new BlockAllocator(g);
        long free = a.freeBlocks();
        NoSpcException e = assertThrows(NoSpcException.class, () -> a.reserve(free + 1));
        assertTrue(e.getMessage().contains(String.valueOf(free + 1)), e.getMessage());
        try (BlockAllocator.Reservation r = a.reserve(free)) {
            assertEquals(free, r.remaining());
            assertThrows(NoSpcException.class, () -> a.reserve(1), "everything is promised");
        }
        try (BlockAllocator.Reservation r = a.reserve(free)) {
            a.allocate(r);
        }
        assertEquals(free - 1, a.freeBlocks(), "closing returns what was not used");
        try (BlockAllocator.Reservation r = a.reserve(free - 1)) {
            assertEquals(free - 1, r.remaining());
        }
    }

    @Test
    void threadsNeverGetTheSameBlock() throws Exception {
        Geometry big = Geometry.forBlocks(1 << 16);
        BlockAllocator a = new BlockAllocator(big);
        Set<Long> all = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        int perThread = (int) (a.freeBlocks() / 4);
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try (BlockAllocator.Reservation r = a.reserve(perThread)) {
                    for (int i = 0; i < perThread; i++) {
                        if (!all.add(a.allocate(r))) {
                            throw new AssertionError("duplicate block");
                        }
                    }
                } catch (NoSpcException e) {
                    throw new AssertionError(e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(4L * perThread, all.size());
        assertEquals(big.dataBlocks() - 4L * perThread, a.freeBlocks());
    }

    @Test
    void markUsedDetectsASecondReference() {
        BlockAllocator a = new BlockAllocator(g);
        assertTrue(a.markUsed(g.dataBn() + 5));
        assertFalse(a.markUsed(g.dataBn() + 5));
        assertEquals(g.dataBlocks() - 1, a.freeBlocks());
    }

    @Test
    void snapshotRoundTripAndCorruption() throws Exception {
        SimDevice d = SimPools.formatted(4 << 20);
        BlockAllocator a = new BlockAllocator(g);
        try (BlockAllocator.Reservation r = a.reserve(10)) {
            for (int i = 0; i < 10; i++) {
                a.allocate(r);
            }
        }
        FlushSet fs = new FlushSet();
        AllocatorSnapshot.save(d, g, a, 7, fs);
        BlockAllocator b = new BlockAllocator(g);
        assertTrue(AllocatorSnapshot.load(d, g, b));
        assertEquals(a.freeBlocks(), b.freeBlocks());
        for (long bn = 0; bn < 1024; bn++) {
            assertEquals(a.isUsed(bn), b.isUsed(bn), "block " + bn);
        }
        long bitmap = org.pmnfs.pmem.layout.OnMedia.blockOffset(g.bitmapBn());
        d.putByte(bitmap + 40, (byte) (d.getByte(bitmap + 40) ^ 1));
        assertFalse(AllocatorSnapshot.load(d, g, new BlockAllocator(g)), "a flipped bit fails the CRC");
    }
}
