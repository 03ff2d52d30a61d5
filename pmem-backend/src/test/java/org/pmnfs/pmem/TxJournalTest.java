package org.pmnfs.pmem;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pmnfs.pmem.layout.Geometry;
import org.pmnfs.pmem.layout.JournalLayout;
import org.pmnfs.pmem.layout.OnMedia;

/** The undo journal: commit, rollback, recovery after power loss at each fence, torn and stale records. */
class TxJournalTest {

    private SimDevice d;
    private Geometry g;
    private BlockAllocator alloc;
    private long a;
    private long b;

    @BeforeEach
    void setUp() throws Exception {
        d = SimPools.formatted(4 << 20);
        g = Mount.readSuperBlock(d).geometry();
        alloc = new BlockAllocator(g);
        alloc.markUsed(g.dataBn());
        a = OnMedia.blockOffset(g.dataBn() + 10);
        b = OnMedia.blockOffset(g.dataBn() + 20) + 128;
        d.putLong(a, 111);
        d.putLong(b, 222);
        d.persist(a, 8);
        d.persist(b, 8);
    }

    @Test
    void commitKeepsTheNewValuesAndTakesThreeFences() throws Exception {
        Journal j = new Journal(d, g);
        long f0 = d.fences();
        try (Tx tx = j.begin(alloc)) {
            tx.undo(a, 8);
            tx.undo(b, 8);
            tx.putLong(a, 1);
            tx.putLong(b, 2);
            tx.commit();
        }
        assertEquals(3, d.fences() - f0, "log persist, commit flush, done_seq");
        assertEquals(0, d.unpersistedLines(), "commit leaves nothing volatile");
        assertEquals(0, Journal.recover(d, g));
        assertEquals(1, d.getLong(a));
        assertEquals(2, d.getLong(b));
    }

    @Test
    void closeWithoutCommitRollsBackAndFreesAllocatedBlocks() throws Exception {
        Journal j = new Journal(d, g);
        long free = alloc.freeBlocks();
        try (BlockAllocator.Reservation r = alloc.reserve(2); Tx tx = j.begin(alloc)) {
            tx.undo(a, 8);
            tx.putLong(a, 5);
            long bn = tx.allocateZeroed(r);
            tx.putLong(OnMedia.blockOffset(bn), 77);
            assertEquals(free - 1, alloc.freeBlocks());
        }
        assertEquals(111, d.getLong(a));
        assertEquals(free, alloc.freeBlocks());
        assertEquals(0, Journal.recover(d, g), "a rolled-back transaction is finished");
    }

    @Test
    void powerLossAtEveryFenceRecoversOldOrNew() throws Exception {
        for (int crashAt = 1; crashAt <= 3; crashAt++) {
            for (SimDevice.Drop drop : SimDevice.Drop.values()) {
                setUp();
                Journal j = new Journal(d, g);
                d.crashAtFence(crashAt, drop, crashAt * 31L + drop.ordinal());
                boolean committed = false;
                try (Tx tx = j.begin(alloc)) {
                    tx.undo(a, 8);
                    tx.undo(b, 8);
                    tx.putLong(a, 1);
                    tx.putLong(b, 2);
                    tx.commit();
                    committed = true;
                } catch (SimDevice.PowerLoss expected) {
                    // The transaction was cut short.
                }
                assertFalse(committed, "crash point " + crashAt + " is inside the transaction");
                SimDevice after = SimDevice.fromImage("after", d.crashImage());
                Journal.recover(after, g);
                long va = after.getLong(a);
                long vb = after.getLong(b);
                boolean old = va == 111 && vb == 222;
                boolean neu = va == 1 && vb == 2;
                assertTrue(old || neu, "crash at fence " + crashAt + " with " + drop + ": torn state " + va + ", " + vb);
                if (crashAt < 3) {
                    assertTrue(old, "before done_seq is durable the old state must come back");
                }
                assertEquals(0, Journal.recover(after, g), "recovery finishes the lane");
            }
        }
    }

    @Test
    void tornRecordStopsRecoveryAndStaleRecordsAreIgnored() throws Exception {
        Journal j = new Journal(d, g);
        try (Tx tx = j.begin(alloc)) {
            tx.undo(a, 8);
            tx.putLong(a, 1);
            tx.commit();
        }
        long lane = g.laneOffset(0);
        long seq = d.getLong(lane + JournalLayout.DONE_SEQ);
        // Stale: the committed record is still in the lane but belongs to done_seq, not done_seq + 1.
        assertTrue(Journal.openRecords(d, g, lane, seq + 1).isEmpty());
        assertEquals(1, Journal.openRecords(d, g, lane, seq).size());
        // A record for seq + 1 whose CRC does not match is torn: ignored.
        d.putLong(lane + JournalLayout.RECORDS_OFFSET + JournalLayout.REC_SEQ, seq + 1);
        assertTrue(Journal.openRecords(d, g, lane, seq + 1).isEmpty(), "torn record must not be applied");
        assertEquals(0, Journal.recover(d, g));
        assertEquals(1, d.getLong(a));
    }

    @Test
    void recordOutsideTheLoggableAreasIsCorrupt() throws Exception {
        long lane = g.laneOffset(1);
        byte[] rec = new byte[JournalLayout.recordSize(8)];
        MemorySegment m = MemorySegment.ofArray(rec);
        m.set(OnMedia.U64, JournalLayout.REC_SEQ, 1);
        m.set(OnMedia.U64, JournalLayout.REC_OFFSET, 4096); // the journal itself
        m.set(OnMedia.U32, JournalLayout.REC_LEN, 8);
        m.set(OnMedia.U32, JournalLayout.REC_CRC, Journal.crc(rec, 8));
        d.write(lane + JournalLayout.RECORDS_OFFSET, m, 0, rec.length);
        PoolException e = assertThrows(PoolException.class, () -> Journal.recover(d, g));
        assertEquals(PoolException.Reason.CORRUPT, e.reason());
    }

    @Test
    void storesMustBeLoggedOrFresh() throws Exception {
        assertTrue(Tx.CHECKS, "tests run with assertions on");
        Journal j = new Journal(d, g);
        try (Tx tx = j.begin(alloc)) {
            assertThrows(IllegalStateException.class, () -> tx.putLong(a, 9));
            tx.undo(a, 8);
            assertThrows(IllegalStateException.class, () -> tx.putLong(a + 8, 9), "neighbour word is not logged");
        }
        assertEquals(111, d.getLong(a));
    }

    @Test
    void adjacentUndoRangesMergeIntoOneRecord() throws Exception {
        Journal j = new Journal(d, g);
        try (Tx tx = j.begin(alloc)) {
            tx.undo(a, 8);
            tx.undo(a + 8, 8);
            tx.undo(a + 16, 16);
            tx.undo(a, 8);
            assertEquals(1, tx.recordCount());
            tx.undo(b, 8);
            assertEquals(2, tx.recordCount());
        }
    }

    @Test
    void oversizedTransactionFailsAndRollsBack() throws Exception {
        Journal j = new Journal(d, g);
        long base = OnMedia.blockOffset(g.dataBn() + 100);
        assertThrows(IllegalStateException.class, () -> {
            try (Tx tx = j.begin(alloc)) {
                for (int i = 0; i < 12; i++) {
                    tx.undo(base + i * 8192L, 4096);
                }
                tx.putLong(base, 1);
            }
        });
        assertEquals(0, Journal.recover(d, g));
    }

    @Test
    void aThreadWaitsForAnIdleLane() throws Exception {
        Journal j = new Journal(d, g);
        java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(g.lanes());
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.List<Thread> holders = new java.util.ArrayList<>();
        for (int i = 0; i < g.lanes(); i++) {
            holders.add(Thread.ofPlatform().start(() -> {
                try (Tx tx = j.begin(alloc)) {
                    holding.countDown();
                    release.await();
                    tx.commit();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }));
        }
        holding.await();
        java.util.concurrent.atomic.AtomicBoolean got = new java.util.concurrent.atomic.AtomicBoolean();
        Thread waiter = Thread.ofPlatform().start(() -> {
            try (Tx tx = j.begin(alloc)) {
                got.set(true);
                tx.commit();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        waiter.join(200);
        assertFalse(got.get(), "all " + g.lanes() + " lanes are busy: the fifth transaction must wait");
        release.countDown();
        waiter.join(10_000);
        assertTrue(got.get(), "a lane came free and the waiter got it");
        for (Thread t : holders) {
            t.join();
        }
    }

    @Test
    void nestedTransactionsOnOneThreadAreRefused() throws Exception {
        Journal j = new Journal(d, g);
        try (Tx tx = j.begin(alloc)) {
            assertThrows(IllegalStateException.class, () -> j.begin(alloc));
            tx.commit();
        }
    }
}
