package org.pmnfs.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DirtyBudgetTest {

    @Test
    void reservesUpToTheLimitAndNoFurther() {
        DirtyBudget b = new DirtyBudget(100);
        assertTrue(b.tryReserve(60));
        assertFalse(b.tryReserve(41), "60 + 41 passes the limit of 100");
        assertEquals(60, b.used(), "a refused reservation charges nothing");
        assertTrue(b.tryReserve(40));
        b.release(30);
        assertEquals(70, b.used());
        b.forceReserve(50);
        assertEquals(120, b.used(), "an oversized write may pass the limit briefly");
        b.release(120);
        assertThrows(IllegalStateException.class, () -> b.release(1));
    }

    @Test
    void holdersComeBackOldestFirstOnceEach() {
        DirtyBudget b = new DirtyBudget(100);
        Inode a = new Inode(10, 1);
        Inode c = new Inode(11, 2);
        Inode d = new Inode(12, 3);
        b.noteDirty(a);
        b.noteDirty(c);
        b.noteDirty(a);
        b.noteDirty(d);
        assertEquals(3, b.holders(), "noting an already dirty inode again adds nothing");
        b.noteClean(c);
        assertEquals(10, b.oldestHolder());
        assertEquals(12, b.oldestHolder());
        assertEquals(-1, b.oldestHolder());
    }

    @Test
    void anInodeDirtiedAgainAfterCleaningQueuesBehindTheOthers() {
        DirtyBudget b = new DirtyBudget(100);
        Inode a = new Inode(1, 1);
        Inode c = new Inode(2, 2);
        b.noteDirty(a);
        b.noteDirty(c);
        b.noteClean(a);
        b.noteDirty(a);
        assertEquals(2, b.oldestHolder());
        assertEquals(1, b.oldestHolder());
    }
}
