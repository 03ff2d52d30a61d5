package org.pmnfs.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Strictly increasing nanosecond times of {@link NanoClock} from an injected clock. */
class NanoClockTest {

    @Test
    void readsTheInjectedClockInNanoseconds() {
        TestClock clock = new TestClock(Instant.parse("2020-01-01T00:00:01.000000123Z"));
        assertEquals(1_577_836_801_000_000_123L, new NanoClock(clock).now());
    }

    @Test
    void isStrictlyIncreasingWhenTheClockStandsStill() {
        TestClock clock = new TestClock();
        NanoClock nanos = new NanoClock(clock);
        long first = nanos.now();
        assertEquals(clock.nanos(), first);
        assertEquals(first + 1, nanos.now());
        assertEquals(first + 2, nanos.now());
    }

    @Test
    void followsTheClockForwardAndNeverBack() {
        TestClock clock = new TestClock();
        NanoClock nanos = new NanoClock(clock);
        long first = nanos.now();
        clock.advance(Duration.ofSeconds(1));
        assertEquals(first + 1_000_000_000L, nanos.now());
        clock.advance(Duration.ofSeconds(-10));
        assertEquals(first + 1_000_000_001L, nanos.now(), "a clock stepping back must not move times back");
    }

    @Test
    void concurrentCallersGetDistinctValues() throws Exception {
        NanoClock nanos = new NanoClock(new TestClock());
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?>[] futures = new Future<?>[4];
            for (int t = 0; t < 4; t++) {
                futures[t] = pool.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        assertTrue(seen.add(nanos.now()), "a value was handed out twice");
                    }
                });
            }
            for (Future<?> f : futures) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(40_000, seen.size());
    }

    @Test
    void refusesANullClock() {
        assertThrows(NullPointerException.class, () -> new NanoClock(null));
    }

    @Test
    void systemClockReadsTheRealTime() {
        long now = NanoClock.system().now();
        assertTrue(now > Instant.parse("2024-01-01T00:00:00Z").getEpochSecond() * 1_000_000_000L,
                "the system NanoClock must read the real clock, got " + now);
    }
}
