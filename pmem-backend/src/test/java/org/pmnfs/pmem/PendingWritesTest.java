package org.pmnfs.pmem;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** UNSTABLE ranges: merging, and COMMIT taking exactly the parts inside its range. */
class PendingWritesTest {

    private static String s(List<long[]> r) {
        StringBuilder b = new StringBuilder();
        for (long[] x : r) {
            b.append('[').append(x[0]).append(',').append(x[1]).append(')');
        }
        return b.toString();
    }

    @Test
    void mergesOverlappingAndTouchingRanges() {
        PendingWrites p = new PendingWrites();
        p.add(1, 100, 200);
        p.add(1, 200, 300);
        p.add(1, 50, 120);
        p.add(1, 1000, 1100);
        assertEquals("[50,300)[1000,1100)", s(p.take(1, 0, Long.MAX_VALUE)));
        assertTrue(p.isEmpty());
    }

    @Test
    void commitTakesOnlyItsRange() {
        PendingWrites p = new PendingWrites();
        p.add(7, 0, 4096);
        p.add(7, 10_000, 20_000);
        assertEquals("[1000,4096)[10000,12000)", s(p.take(7, 1000, 12_000)));
        assertEquals("[0,1000)[12000,20000)", s(p.take(7, 0, Long.MAX_VALUE)));
        assertEquals("", s(p.take(7, 0, 10)));
    }

    @Test
    void truncateAndDropForget() {
        PendingWrites p = new PendingWrites();
        p.add(3, 0, 100);
        p.add(4, 0, 100);
        p.truncate(3, 40);
        assertEquals("[0,40)", s(p.take(3, 0, Long.MAX_VALUE)));
        p.drop(4);
        assertTrue(p.isEmpty());
    }
}
