package org.pmnfs.pmem;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pmnfs.pmem.layout.Geometry;
import org.pmnfs.pmem.layout.InodeLayout;
import org.pmnfs.pmem.layout.OnMedia;
import org.pmnfs.pmem.layout.RadixLayout;

/** The radix tree against a model: mapping, height growth to 3, truncation in block counts, exact block accounting. */
class RadixTreeTest {

    private SimDevice d;
    private Geometry g;
    private BlockAllocator alloc;
    private Journal journal;
    /** A scratch inode inside a data block. */
    private long ip;
    private long initialFree;

    @BeforeEach
    void setUp() throws Exception {
        d = SimPools.formatted(16 << 20);
        g = Mount.readSuperBlock(d).geometry();
        alloc = new BlockAllocator(g);
        alloc.markUsed(g.dataBn());
        alloc.markUsed(g.dataBn() + 1);
        ip = OnMedia.blockOffset(g.dataBn() + 1);
        journal = new Journal(d, g);
        initialFree = alloc.freeBlocks();
    }

    /** Maps [a, b] and writes each new block's index into it; returns the blocks allocated. */
    private long map(long a, long b) throws Exception {
        long need = RadixTree.blocksNeeded(d, ip, a, b);
        long before = alloc.freeBlocks();
        try (BlockAllocator.Reservation r = alloc.reserve(need); Tx tx = journal.begin(alloc)) {
            RadixTree.mapRange(tx, ip, a, b, r, (idx, bn, fresh) -> {
                if (fresh) {
                    tx.fill(OnMedia.blockOffset(bn), OnMedia.BLOCK_SIZE, (byte) 0);
                    tx.putLong(OnMedia.blockOffset(bn), idx);
                }
            });
            tx.commit();
        }
        assertEquals(need, before - alloc.freeBlocks(), "blocksNeeded must predict the allocation of [" + a + ", " + b + "]");
        return need;
    }

    private void truncate(long keep) throws Exception {
        try (Tx tx = journal.begin(alloc)) {
            RadixTree.truncate(tx, ip, keep);
            tx.commit();
        }
    }

    private int height() {
        return RadixTree.height(d, ip);
    }

    private long dataBlocks() {
        return d.getLong(ip + InodeLayout.BLOCKS);
    }

    private void assertMapped(long idx) {
        long bn = RadixTree.lookup(d, ip, idx);
        assertNotEquals(0, bn, "block " + idx + " must be mapped");
        assertEquals(idx, d.getLong(OnMedia.blockOffset(bn)), "block " + idx + " holds its own index");
    }

    @Test
    void heightGrowsFromZeroToThree() throws Exception {
        assertEquals(1, map(0, 0));
        assertEquals(0, height(), "one block at index 0: the root is the data block");
        assertEquals(2, map(1, 1), "a new leaf node and a data block");
        assertEquals(1, height());
        assertEquals(RadixTree.lookup(d, ip, 0), d.getLong(OnMedia.blockOffset(RadixTree.root(d, ip))),
                "the old root moved to slot 0");
        map(512, 512);
        assertEquals(2, height());
        map(512L * 512, 512L * 512);
        assertEquals(3, height());
        map(RadixLayout.capacity(3) - 1, RadixLayout.capacity(3) - 1);
        assertEquals(3, height());
        for (long idx : new long[] {0, 1, 512, 512L * 512, RadixLayout.capacity(3) - 1}) {
            assertMapped(idx);
        }
        assertEquals(0, RadixTree.lookup(d, ip, 2), "a hole");
        assertEquals(0, RadixTree.lookup(d, ip, RadixLayout.capacity(3)), "past the capacity is a hole");
        assertEquals(5, dataBlocks(), "i_blocks counts data blocks only");
    }

    @Test
    void truncateKeepsEverythingBelowTheCutAndFreesTheRest() throws Exception {
        map(0, 1000);
        long used = initialFree - alloc.freeBlocks();
        assertEquals(1001 + 2 + 1, used, "1001 data blocks, two leaves, one level-2 node");
        truncate(600);
        for (long i = 0; i < 600; i++) {
            assertMapped(i);
        }
        assertEquals(0, RadixTree.lookup(d, ip, 600));
        assertEquals(600, dataBlocks());
        assertEquals(2, height(), "600 blocks still need height 2");
        assertEquals(initialFree - 600 - 2 - 1, alloc.freeBlocks(), "freed blocks came back after the commit");
        truncate(300);
        assertEquals(1, height(), "300 blocks fit one leaf: height lowered (PMFS2 confused index and size here)");
        for (long i = 0; i < 300; i++) {
            assertMapped(i);
        }
        assertEquals(initialFree - 300 - 1, alloc.freeBlocks());
        truncate(1);
        assertEquals(0, height());
        assertMapped(0);
        truncate(0);
        assertEquals(0, RadixTree.root(d, ip));
        assertEquals(0, dataBlocks());
        assertEquals(initialFree, alloc.freeBlocks());
    }

    @Test
    void truncateOfASparseDeepTreeFreesEveryNode() throws Exception {
        map(RadixLayout.capacity(2) + 5, RadixLayout.capacity(2) + 5);
        map(3, 3);
        assertEquals(3, height());
        truncate(4);
        assertEquals(1, height());
        assertMapped(3);
        assertEquals(initialFree - 2, alloc.freeBlocks(), "one leaf and one data block remain");
    }

    @Test
    void randomMapsAndTruncatesMatchAModel() throws Exception {
        Random rnd = new Random(42);
        TreeMap<Long, Boolean> model = new TreeMap<>();
        for (int step = 0; step < 200; step++) {
            if (rnd.nextInt(4) == 0) {
                long keep = model.isEmpty() ? 0 : rnd.nextLong(model.lastKey() + 2);
                truncate(keep);
                model.tailMap(keep, true).clear();
            } else {
                long span = switch (rnd.nextInt(3)) {
                    case 0 -> 600;
                    case 1 -> 600_000;
                    default -> RadixLayout.capacity(3);
                };
                long a = rnd.nextLong(span - 20);
                long b = a + rnd.nextInt(20);
                map(a, b);
                for (long i = a; i <= b; i++) {
                    model.put(i, true);
                }
            }
            assertEquals(model.size(), dataBlocks(), "i_blocks at step " + step);
            long last = model.isEmpty() ? -1 : model.lastKey();
            assertTrue(height() == RadixLayout.heightFor(last + 1) || height() > RadixLayout.heightFor(last + 1),
                    "height must cover the last block");
        }
        for (long idx : model.keySet()) {
            assertMapped(idx);
        }
        truncate(0);
        assertEquals(initialFree, alloc.freeBlocks(), "truncating to 0 returns every block, index nodes included");
    }
}
