package org.pmnfs.pmem;

import static org.junit.jupiter.api.Assertions.*;
import static org.pmnfs.pmem.layout.DirentLayout.SLOTS;
import static org.pmnfs.pmem.layout.DirentLayout.slotsFor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pmnfs.pmem.layout.DirentLayout;
import org.pmnfs.pmem.layout.Geometry;
import org.pmnfs.pmem.layout.OnMedia;
import org.pmnfs.vfs.FileName;

/** One PMFS2 dirent block: first-fit insert, merging remove, slot stability, structure after every step. */
class DirentsTest {

    private SimDevice d;
    private BlockAllocator alloc;
    private Journal journal;
    private long bn;
    private long b;

    @BeforeEach
    void setUp() throws Exception {
        d = SimPools.formatted(4 << 20);
        Geometry g = Mount.readSuperBlock(d).geometry();
        alloc = new BlockAllocator(g);
        alloc.markUsed(g.dataBn());
        journal = new Journal(d, g);
        try (BlockAllocator.Reservation r = alloc.reserve(1); Tx tx = journal.begin(alloc)) {
            bn = tx.allocate(r);
            Dirents.init(tx, bn, 3);
            tx.commit();
        }
        b = OnMedia.blockOffset(bn);
    }

    private static FileName name(String s) {
        return new FileName(s.getBytes(StandardCharsets.UTF_8));
    }

    private int insert(String n, long ino) throws Exception {
        int slot = Dirents.findFree(d, b, slotsFor(n.length()));
        assertTrue(slot >= 0, "room for " + n);
        try (Tx tx = journal.begin(alloc)) {
            Dirents.insert(tx, b, slot, name(n), ino, 8);
            tx.commit();
        }
        return slot;
    }

    private void remove(int slot) throws Exception {
        try (Tx tx = journal.begin(alloc)) {
            Dirents.remove(tx, b, slot);
            tx.commit();
        }
    }

    /** Records tile the block, nde_prev links are right, no two free records touch; returns slot -> ino of used records. */
    private Map<Integer, Long> structure() {
        Map<Integer, Long> used = new HashMap<>();
        int prev = 0;
        boolean prevFree = false;
        int s = 0;
        while (s < SLOTS) {
            long r = Dirents.rec(b, s);
            int n = Dirents.nde(d, r);
            assertTrue(n >= 1 && s + n <= SLOTS, "record at " + s + " spans " + n);
            assertEquals(prev, Dirents.ndePrev(d, r), "nde_prev at " + s);
            boolean free = Dirents.ino(d, r) == 0;
            assertFalse(free && prevFree, "two free records touch at " + s);
            if (!free) {
                used.put(s, Dirents.ino(d, r));
                assertTrue(DirentLayout.NAME_OFFSET + Dirents.nameLen(d, r) <= n * 16);
            }
            prevFree = free;
            prev = n;
            s += n;
        }
        assertEquals(SLOTS, s);
        return used;
    }

    @Test
    void freshBlockIsOneFreeRecord() {
        assertEquals(SLOTS, Dirents.largestFree(d, b));
        assertEquals(DirentLayout.baseOff(3), d.getLong(b + DirentLayout.BASE_OFF));
        assertEquals(0, d.getLong(b + DirentLayout.NEXT));
        assertTrue(structure().isEmpty());
    }

    @Test
    void insertsSplitFirstFitAndRemovesMerge() throws Exception {
        int a = insert("a", 10);
        int long1 = insert("x".repeat(255), 11);
        int c = insert("cccc", 12);
        assertEquals(0, a);
        assertEquals(1, long1);
        assertEquals(18, c, "a 255-byte name spans 17 slots");
        assertArrayEquals("x".repeat(255).getBytes(), Dirents.name(d, Dirents.rec(b, long1)));
        assertEquals(SLOTS - 19, Dirents.largestFree(d, b));
        remove(long1);
        Map<Integer, Long> used = structure();
        assertEquals(Map.of(0, 10L, 18, 12L), used, "the others keep their slots");
        assertEquals(SLOTS - 19, Dirents.largestFree(d, b), "the 17-slot hole is smaller than the tail");
        assertEquals(1, insert("e", 13), "first fit reuses the hole");
        remove(0);
        remove(1);
        assertEquals(18, Dirents.nde(d, Dirents.rec(b, 0)), "a (1 slot), e (1) and the rest of the hole (16) merged into one record");
        remove(18);
        assertEquals(SLOTS, Dirents.largestFree(d, b), "everything merged back into one free record");
        assertTrue(structure().isEmpty());
    }

    @Test
    void randomInsertsAndRemovesKeepTheStructure() throws Exception {
        Random rnd = new Random(7);
        Map<Integer, Long> model = new HashMap<>();
        long nextIno = 100;
        for (int step = 0; step < 2000; step++) {
            if (!model.isEmpty() && (rnd.nextInt(3) == 0 || Dirents.largestFree(d, b) < 17)) {
                List<Integer> slots = new ArrayList<>(model.keySet());
                int slot = slots.get(rnd.nextInt(slots.size()));
                remove(slot);
                model.remove(slot);
            } else {
                int len = 1 + rnd.nextInt(rnd.nextBoolean() ? 8 : 255);
                String n = "n".repeat(len);
                if (Dirents.findFree(d, b, slotsFor(len)) < 0) {
                    continue;
                }
                int slot = insert(n, nextIno);
                assertNull(model.put(slot, nextIno), "slot " + slot + " reused while live");
                nextIno++;
            }
            assertEquals(model, structure(), "after step " + step);
        }
    }
}
