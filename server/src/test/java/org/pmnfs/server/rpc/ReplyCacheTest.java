package org.pmnfs.server.rpc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrVoid;
import org.junit.jupiter.api.Test;

/** The duplicate request cache's rules: retransmissions, forgetting, capacity and the time window. */
class ReplyCacheTest {

    private static final long WINDOW = 120;
    private final AtomicLong now = new AtomicLong(1_000);

    private ReplyCache cache(int capacity) {
        return new ReplyCache(capacity, WINDOW, now::get);
    }

    private static ReplyCache.Key key(int xid) {
        return new ReplyCache.Key(new InetSocketAddress("127.0.0.1", 800), xid, 100003, 3, 12, 40, 0x1234);
    }

    @Test
    void aCallSeenAgainIsARetransmissionOfTheSameEntry() {
        ReplyCache cache = cache(8);
        ReplyCache.Admission first = cache.admit(key(1));
        assertFalse(first.retransmission());
        ReplyCache.Admission second = cache.admit(key(1));
        assertTrue(second.retransmission());
        assertSame(first.entry(), second.entry());
        assertFalse(second.entry().reply().isDone(), "still running: no reply yet");

        XdrAble body = XdrVoid.XDR_VOID;
        first.entry().answered(body);
        cache.finish(key(1), first.entry());
        assertSame(body, cache.admit(key(1)).entry().reply().getNow(null));
    }

    @Test
    void anyFieldOfTheKeyMakesAnotherCall() {
        ReplyCache cache = cache(8);
        cache.admit(key(1));
        assertFalse(cache.admit(key(2)).retransmission());
        ReplyCache.Key otherPort = new ReplyCache.Key(new InetSocketAddress("127.0.0.1", 801), 1, 100003, 3, 12, 40, 0x1234);
        assertFalse(cache.admit(otherPort).retransmission());
        ReplyCache.Key otherArguments = new ReplyCache.Key(new InetSocketAddress("127.0.0.1", 800), 1, 100003, 3, 12, 40, 0x1235);
        assertFalse(cache.admit(otherArguments).retransmission());
    }

    @Test
    void aCallThatEndsWithoutAReplyIsForgottenAndItsWaitersGetNone() {
        ReplyCache cache = cache(8);
        ReplyCache.Entry entry = cache.admit(key(1)).entry();
        ReplyCache.Entry waiter = cache.admit(key(1)).entry();
        cache.finish(key(1), entry);
        assertNull(waiter.reply().getNow(XdrVoid.XDR_VOID), "the waiting retransmission gets no reply");
        assertFalse(cache.admit(key(1)).retransmission(), "a later retransmission runs again");
    }

    @Test
    void theEldestEntriesGoBeyondTheCapacity() {
        ReplyCache cache = cache(2);
        cache.admit(key(1));
        cache.admit(key(2));
        cache.admit(key(3));
        assertTrue(cache.size() <= 2);
        assertTrue(cache.admit(key(3)).retransmission());
        assertFalse(cache.admit(key(1)).retransmission(), "the eldest was forgotten");
    }

    @Test
    void anAnsweredEntryOlderThanTheWindowIsANewCallButARunningOneIsNot() {
        ReplyCache cache = cache(8);
        ReplyCache.Entry answered = cache.admit(key(1)).entry();
        answered.answered(XdrVoid.XDR_VOID);
        cache.finish(key(1), answered);
        cache.admit(key(2));

        now.addAndGet(WINDOW + 1);
        assertFalse(cache.admit(key(1)).retransmission(), "answered long ago: the xid is used again");
        assertTrue(cache.admit(key(2)).retransmission(), "still running: a retransmission however late");
    }

    @Test
    void aCapacityBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> cache(0));
    }
}
