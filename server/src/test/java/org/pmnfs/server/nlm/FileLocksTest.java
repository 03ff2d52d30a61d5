package org.pmnfs.server.nlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The per-file lock table: hand-picked POSIX cases (conflicts, split, merge, upgrade, downgrade),
 * then random sequences of lock and unlock from several owners checked step by step against a
 * byte-by-byte reference model.
 */
class FileLocksTest {

    private static final ClientHost A_HOST = new ClientHost("a", InetAddress.getLoopbackAddress());
    private static final ClientHost B_HOST = new ClientHost("b", InetAddress.getLoopbackAddress());
    private static final LockOwner A = owner(A_HOST, 1);
    private static final LockOwner A2 = owner(A_HOST, 2);
    private static final LockOwner B = owner(B_HOST, 1);

    private static LockOwner owner(ClientHost host, int svid) {
        return new LockOwner(host, (svid + "@" + host.name()).getBytes(StandardCharsets.US_ASCII), svid);
    }

    private static LockRange r(long start, long end) {
        return new LockRange(start, end);
    }

    private final FileLocks locks = new FileLocks();

    @Test
    void sharedLocksOfTwoOwnersCoexistAndExclusiveConflicts() {
        assertNull(locks.lock(A, r(0, 9), false));
        assertNull(locks.lock(B, r(5, 14), false));
        HeldLock c = locks.lock(B, r(0, 0), true);
        assertNotNull(c);
        assertEquals(A, c.owner());
        assertEquals(2, locks.locks().size(), "a refused request changes nothing");
        assertNull(locks.lock(B, r(10, 20), true), "B upgrades where only B holds");
        assertEquals(List.of(new HeldLock(A, r(0, 9), false), new HeldLock(B, r(5, 9), false), new HeldLock(B, r(10, 20), true)),
                locks.locks());
    }

    @Test
    void ownersOfOneHostAreDifferentOwners() {
        assertNull(locks.lock(A, r(0, 0), true));
        assertNotNull(locks.lock(A2, r(0, 0), true), "another svid on the same host conflicts");
        assertNull(locks.lock(A, r(0, 0), true), "the same owner relocks freely");
    }

    @Test
    void unlockInTheMiddleSplits() {
        locks.lock(A, LockRange.WHOLE_FILE, true);
        locks.unlock(A, r(100, 199));
        assertEquals(List.of(new HeldLock(A, r(0, 99), true), new HeldLock(A, r(200, LockRange.EOF), true)), locks.locks());
        assertNull(locks.lock(B, r(150, 160), true));
    }

    @Test
    void adjacentLocksOfOneKindMergeAndOfTwoKindsDoNot() {
        locks.lock(A, r(0, 9), true);
        locks.lock(A, r(10, 19), true);
        locks.lock(A, r(20, 29), false);
        assertEquals(List.of(new HeldLock(A, r(0, 19), true), new HeldLock(A, r(20, 29), false)), locks.locks());
    }

    @Test
    void downgradeInTheMiddleThreeWaySplit() {
        locks.lock(A, r(0, 29), true);
        locks.lock(A, r(10, 19), false);
        assertEquals(List.of(new HeldLock(A, r(0, 9), true), new HeldLock(A, r(10, 19), false), new HeldLock(A, r(20, 29), true)),
                locks.locks());
        assertNull(locks.lock(B, r(12, 15), false), "B may share the downgraded middle");
        assertNotNull(locks.lock(B, r(9, 9), false));
    }

    @Test
    void upgradeIsRefusedWhileAnotherReaderOverlapsAndKeepsTheSharedLock() {
        locks.lock(A, r(0, 9), false);
        locks.lock(B, r(9, 9), false);
        assertNotNull(locks.lock(A, r(0, 9), true));
        assertTrue(locks.holds(A, r(0, 9), false));
        locks.unlock(B, LockRange.WHOLE_FILE);
        assertNull(locks.lock(A, r(0, 9), true));
        assertTrue(locks.holds(A, r(0, 9), true));
    }

    @Test
    void rangesToTheEndAndTheTopOfTheOffsetSpace() {
        assertEquals(r(5, LockRange.EOF), LockRange.of(5, 0));
        assertEquals(r(-2L, LockRange.EOF), LockRange.of(-2L, 10), "a length past 2^64 runs to the end");
        assertEquals(r(-2L, -2L), LockRange.of(-2L, 1));
        assertEquals(0, r(7, LockRange.EOF).length());
        assertEquals(3, r(7, 9).length());
        locks.lock(A, r(-2L, LockRange.EOF), true);
        assertNotNull(locks.lock(B, r(-1L, -1L), false), "offsets above 2^63 compare unsigned");
        assertNull(locks.lock(B, r(0, -3L), false));
    }

    @Test
    void releaseDropsAHostsLocks() {
        locks.lock(A, r(0, 9), true);
        locks.lock(A2, r(10, 19), true);
        locks.lock(B, r(20, 29), true);
        assertTrue(locks.release(l -> l.owner().host().equals(A_HOST)));
        assertEquals(List.of(new HeldLock(B, r(20, 29), true)), locks.locks());
        assertFalse(locks.release(l -> l.owner().host().equals(A_HOST)));
    }

    // ---------------------------------------------------------------- random sequences vs a model

    /** Bytes 0..N-1 are single bytes; byte N stands for N to the end of the offset space. */
    private static final int N = 24;

    /**
     * The reference: for each byte, what each owner holds there (0 none, 1 shared, 2 exclusive).
     * Obviously right, slow, and independent of FileLocks' range arithmetic.
     */
    private static final class Model {
        final int[][] held; // [owner][byte]

        Model(int owners) {
            held = new int[owners][N + 1];
        }

        boolean conflicts(int owner, int from, int to, boolean exclusive) {
            for (int o = 0; o < held.length; o++) {
                for (int b = from; b <= to && o != owner; b++) {
                    if (held[o][b] == 2 || (held[o][b] == 1 && exclusive)) {
                        return true;
                    }
                }
            }
            return false;
        }

        void set(int owner, int from, int to, int kind) {
            for (int b = from; b <= to; b++) {
                held[owner][b] = kind;
            }
        }

        /** Canonical locks: maximal runs of one kind per owner. */
        Set<HeldLock> canonical(List<LockOwner> owners) {
            Set<HeldLock> out = new HashSet<>();
            for (int o = 0; o < held.length; o++) {
                int b = 0;
                while (b <= N) {
                    int kind = held[o][b];
                    int e = b;
                    while (e + 1 <= N && held[o][e + 1] == kind) {
                        e++;
                    }
                    if (kind != 0) {
                        out.add(new HeldLock(owners.get(o), new LockRange(b, e == N ? LockRange.EOF : e), kind == 2));
                    }
                    b = e + 1;
                }
            }
            return out;
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomSequencesMatchTheModel(long seed) {
        Random rnd = new Random(seed);
        List<LockOwner> owners = List.of(A, A2, B, owner(B_HOST, 7));
        FileLocks table = new FileLocks();
        Model model = new Model(owners.size());
        for (int step = 0; step < 3000; step++) {
            int o = rnd.nextInt(owners.size());
            int from = rnd.nextInt(N + 1);
            boolean toEnd = from == N || rnd.nextInt(5) == 0;
            int to = toEnd ? N : from + rnd.nextInt(N - from);
            LockRange range = new LockRange(from, toEnd ? LockRange.EOF : to);
            String what = "seed " + seed + " step " + step + ": ";
            switch (rnd.nextInt(4)) {
                case 0, 1 -> {
                    boolean exclusive = rnd.nextBoolean();
                    boolean expectConflict = model.conflicts(o, from, to, exclusive);
                    HeldLock c = table.lock(owners.get(o), range, exclusive);
                    assertEquals(expectConflict, c != null, what + "conflict of " + owners.get(o) + " " + range);
                    if (c == null) {
                        model.set(o, from, to, exclusive ? 2 : 1);
                    } else {
                        assertTrue(c.blocks(owners.get(o), range, exclusive), what + c + " does not block the request");
                    }
                }
                case 2 -> {
                    table.unlock(owners.get(o), range);
                    model.set(o, from, to, 0);
                }
                default -> {
                    boolean exclusive = rnd.nextBoolean();
                    boolean all = true;
                    for (int b = from; b <= to; b++) {
                        all &= model.held[o][b] == (exclusive ? 2 : 1);
                    }
                    assertEquals(all, table.holds(owners.get(o), range, exclusive), what + "holds " + range);
                    assertEquals(model.conflicts(o, from, to, exclusive), table.conflict(owners.get(o), range, exclusive) != null,
                            what + "test " + range);
                }
            }
            List<HeldLock> actual = table.locks();
            assertEquals(model.canonical(owners), new HashSet<>(actual), what + "state");
            assertEquals(actual.size(), new HashSet<>(actual).size(), what + "no duplicates");
            assertEquals(table.isEmpty(), actual.isEmpty());
        }
        List<HeldLock> sorted = new ArrayList<>(table.locks());
        for (int i = 1; i < sorted.size(); i++) {
            assertTrue(Long.compareUnsigned(sorted.get(i - 1).range().start(), sorted.get(i).range().start()) <= 0, "sorted");
        }
    }
}
