package org.pmnfs.server.nlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.pmnfs.vfs.FileHandle;

/** The lock manager apart from RPC: blocking, granting in order, confirmations, grace, hosts. */
class LockManagerTest {

    private static final FileHandle F = new FileHandle(new byte[] {1, 2, 3});
    private static final FileHandle G = new FileHandle(new byte[] {4, 5, 6});
    private static final ClientHost H1 = new ClientHost("one", InetAddress.getLoopbackAddress());
    private static final ClientHost H2 = new ClientHost("two", InetAddress.getLoopbackAddress());

    private final List<Grant> granted = new ArrayList<>();
    private final AtomicLong now = new AtomicLong();
    private LockManager manager = new LockManager(Grace.none(), granted::add, now::get);

    private static LockOwner owner(ClientHost h, int svid) {
        return new LockOwner(h, (svid + "@" + h.name()).getBytes(StandardCharsets.US_ASCII), svid);
    }

    private static Grant req(FileHandle f, LockOwner o, long start, long end, boolean exclusive) {
        return new Grant(f, o, new LockRange(start, end), exclusive,
                new GrantCallback(new InetSocketAddress(o.host().address(), 700), o.host().name(), 4, true, new byte[] {9}));
    }

    @Test
    void blockedRequestsAreGrantedInOrderWhenTheHolderUnlocks() {
        LockOwner a = owner(H1, 1), b = owner(H2, 1), c = owner(H2, 2);
        assertEquals(NlmStatus.GRANTED, manager.lock(req(F, a, 0, 9, true), true, false).status());
        assertEquals(NlmStatus.BLOCKED, manager.lock(req(F, b, 0, 9, true), true, false).status());
        assertEquals(NlmStatus.BLOCKED, manager.lock(req(F, c, 5, 5, true), true, false).status());
        assertEquals(NlmStatus.DENIED, manager.lock(req(F, c, 5, 5, true), false, false).status(), "non-blocking: DENIED");
        assertTrue(granted.isEmpty());
        manager.unlock(F, a, LockRange.WHOLE_FILE);
        assertEquals(1, granted.size(), "the first waiter gets it; the second still conflicts");
        assertEquals(b, granted.get(0).owner());
        assertTrue(manager.unconfirmed(granted.get(0)));
        assertEquals(NlmStatus.DENIED, manager.test(F, c, new LockRange(0, 0), false).status());
        manager.unlock(F, b, LockRange.WHOLE_FILE);
        assertEquals(c, granted.get(1).owner());
        assertFalse(manager.unconfirmed(granted.get(0)), "unlocking ends the unconfirmed grant");
    }

    @Test
    void aClientPollingForItsGrantedLockConfirmsIt() {
        LockOwner a = owner(H1, 1), b = owner(H2, 1);
        manager.lock(req(F, a, 0, 0, true), true, false);
        manager.lock(req(F, b, 0, 0, true), true, false);
        manager.unlock(F, a, LockRange.WHOLE_FILE);
        Grant g = granted.get(0);
        assertEquals(NlmStatus.GRANTED, manager.lock(req(F, b, 0, 0, true), true, false).status(),
                "the retry after an undelivered callback finds the lock granted");
        assertFalse(manager.unconfirmed(g));
        assertEquals(NlmStatus.DENIED, manager.lock(req(F, a, 0, 0, true), false, false).status());
    }

    @Test
    void aRefusedCallbackOrACancelGivesTheLockBackToTheNextWaiter() {
        LockOwner a = owner(H1, 1), b = owner(H2, 1), c = owner(H2, 2);
        manager.lock(req(F, a, 0, 0, true), true, false);
        manager.lock(req(F, b, 0, 0, true), true, false);
        manager.lock(req(F, c, 0, 0, true), true, false);
        manager.unlock(F, a, LockRange.WHOLE_FILE);
        manager.callbackAnswered(granted.get(0), false);
        assertEquals(c, granted.get(1).owner(), "b's lockd refused: c gets it");
        manager.cancel(req(F, c, 0, 0, true));
        assertEquals(NlmStatus.GRANTED, manager.lock(req(F, a, 0, 0, true), false, false).status(), "c cancelled: free");
        assertEquals(1, manager.entries());
    }

    @Test
    void cancelWithdrawsAQueuedRequest() {
        LockOwner a = owner(H1, 1), b = owner(H2, 1);
        manager.lock(req(F, a, 0, 0, true), true, false);
        manager.lock(req(F, b, 0, 0, true), true, false);
        assertEquals(2, manager.entries());
        assertEquals(NlmStatus.GRANTED, manager.cancel(req(F, b, 0, 0, true)).status());
        manager.unlock(F, a, LockRange.WHOLE_FILE);
        assertTrue(granted.isEmpty());
        assertEquals(0, manager.entries());
        assertTrue(manager.snapshot().isEmpty(), "a file's state goes with its last lock");
    }

    @Test
    void downgradingLetsQueuedReadersIn() {
        LockOwner a = owner(H1, 1), b = owner(H2, 1);
        manager.lock(req(F, a, 0, 99, true), true, false);
        manager.lock(req(F, b, 10, 20, false), true, false);
        manager.lock(req(F, a, 0, 99, false), true, false);
        assertEquals(1, granted.size());
        assertEquals(b, granted.get(0).owner());
    }

    @Test
    void graceAdmitsOnlyReclaimsAndAfterItOnlyNewRequests() {
        manager = new LockManager(Grace.of(Duration.ofSeconds(10), now::get), granted::add, now::get);
        LockOwner a = owner(H1, 1), b = owner(H2, 1);
        assertEquals(NlmStatus.DENIED_GRACE_PERIOD, manager.lock(req(F, b, 0, 0, true), false, false).status());
        assertEquals(NlmStatus.DENIED_GRACE_PERIOD, manager.test(F, b, new LockRange(0, 0), true).status());
        assertEquals(NlmStatus.DENIED_GRACE_PERIOD, manager.share(G, b, 1, 0, false).status());
        assertEquals(NlmStatus.GRANTED, manager.lock(req(F, a, 0, 0, true), false, true).status(), "reclaim");
        assertEquals(NlmStatus.GRANTED, manager.unlock(F, a, new LockRange(5, 5)).status(), "unlock is always allowed");
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertFalse(manager.grace().active());
        assertEquals(NlmStatus.DENIED_GRACE_PERIOD, manager.lock(req(F, b, 1, 1, true), false, true).status(),
                "a late reclaim is refused");
        assertEquals(NlmStatus.DENIED, manager.lock(req(F, b, 0, 0, true), false, false).status(), "a's reclaimed lock holds");
    }

    @Test
    void releasingAHostDropsItsStateAndGrantsTheOthers() {
        LockOwner a = owner(H1, 1), a2 = owner(H1, 2), b = owner(H2, 1);
        manager.lock(req(F, a, 0, 0, true), true, false);
        manager.lock(req(G, a2, 0, 0, true), true, false);
        manager.share(G, a2, 3, 3, false);
        manager.lock(req(F, b, 0, 0, false), true, false);
        manager.lock(req(G, a, 0, 0, true), true, false);
        assertTrue(manager.holdsAnything(H1));
        assertEquals(4, manager.releaseHosts(h -> h.equals(H1)));
        assertFalse(manager.holdsAnything(H1));
        assertEquals(List.of(b), granted.stream().map(Grant::owner).toList());
        assertEquals(1, manager.snapshot().size());
    }

    @Test
    void sharesConflictByAccessAndDenyMode() {
        LockOwner a = owner(H1, 1), b = owner(H2, 1);
        assertEquals(NlmStatus.GRANTED, manager.share(F, a, 1, 2, false).status(), "read, deny write");
        assertEquals(NlmStatus.GRANTED, manager.share(F, b, 1, 0, false).status(), "another reader");
        assertEquals(NlmStatus.DENIED, manager.share(F, b, 3, 0, false).status(), "a writer is denied");
        assertEquals(NlmStatus.GRANTED, manager.unshare(F, a).status());
        assertEquals(NlmStatus.GRANTED, manager.share(F, b, 3, 0, false).status(), "b replaces its own share");
        assertEquals(1, manager.entries());
    }

    @Test
    void theTableIsBounded() {
        manager = new LockManager(Grace.none(), granted::add, now::get, 100);
        LockOwner a = owner(H1, 1), b = owner(H2, 1);
        for (int i = 0; i < 100; i++) {
            assertEquals(NlmStatus.GRANTED, manager.lock(req(F, a, 2L * i, 2L * i, true), false, false).status());
        }
        assertEquals(NlmStatus.DENIED_NOLOCKS, manager.lock(req(G, a, 0, 0, true), false, false).status());
        assertEquals(NlmStatus.DENIED_NOLOCKS, manager.lock(req(F, b, 1, 1, true), true, false).status(), "no room to queue");
        assertEquals(NlmStatus.DENIED_NOLOCKS, manager.share(G, b, 1, 0, false).status());
        manager.unlock(F, a, LockRange.WHOLE_FILE);
        assertEquals(0, manager.entries());
        assertEquals(NlmStatus.GRANTED, manager.lock(req(G, a, 0, 0, true), false, false).status());
    }
}
