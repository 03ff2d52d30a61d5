package org.pmnfs.server.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** One line per key per interval, and the count of what was held back, on a clock the test moves. */
class LogThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final LogThrottle<String> throttle = new LogThrottle<>(100, now::get);

    @Test
    void theFirstLineGoesOutThenTheRestOfTheIntervalIsHeldAndCounted() {
        assertEquals(0, throttle.admit("NOSPC"));
        now.addAndGet(10);
        assertEquals(LogThrottle.HOLD, throttle.admit("NOSPC"));
        now.addAndGet(89);
        assertEquals(LogThrottle.HOLD, throttle.admit("NOSPC"));
        now.addAndGet(1);
        assertEquals(2, throttle.admit("NOSPC"), "an interval after the first line: out, with 2 held back");
        now.addAndGet(100);
        assertEquals(0, throttle.admit("NOSPC"), "nothing held since");
    }

    @Test
    void keysAreThrottledApart() {
        assertEquals(0, throttle.admit("NOSPC"));
        assertEquals(0, throttle.admit("DQUOT"));
        assertEquals(LogThrottle.HOLD, throttle.admit("NOSPC"));
        assertEquals(LogThrottle.HOLD, throttle.admit("DQUOT"));
    }
}
