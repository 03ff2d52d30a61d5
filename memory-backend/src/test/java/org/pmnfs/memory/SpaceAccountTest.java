package org.pmnfs.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.pmnfs.vfs.NoSpcException;

/** Capacity accounting of {@link SpaceAccount}, alone and under contention. */
class SpaceAccountTest {

    @Test
    void reservesUpToTheCapacityAndNoFurther() throws Exception {
        SpaceAccount s = new SpaceAccount(1000);
        s.reserve(600, "a");
        s.reserve(400, "b");
        assertEquals(0, s.free());
        NoSpcException e = assertThrows(NoSpcException.class, () -> s.reserve(1, "one more byte"));
        assertTrue(e.getMessage().contains("one more byte") && e.getMessage().contains("1000"), e.getMessage());
        assertEquals(1000, s.used(), "a refused reservation takes nothing");
        s.release(400);
        assertEquals(400, s.free());
        s.reserve(0, "nothing");
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new SpaceAccount(0));
        SpaceAccount s = new SpaceAccount(10);
        assertThrows(IllegalArgumentException.class, () -> s.reserve(-1, "x"));
        assertThrows(IllegalArgumentException.class, () -> s.release(-1));
        assertThrows(IllegalStateException.class, () -> s.release(1), "releasing what was never reserved is a bug");
    }

    @Test
    void hugeReservationsDoNotOverflow() {
        SpaceAccount s = new SpaceAccount(Long.MAX_VALUE);
        assertThrows(NoSpcException.class, () -> {
            s.reserve(Long.MAX_VALUE - 5, "most");
            s.reserve(Long.MAX_VALUE, "all again");
        });
    }

    @Test
    void concurrentReservationsNeverExceedTheCapacity() throws Exception {
        SpaceAccount s = new SpaceAccount(100_000);
        AtomicLong granted = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?>[] f = new Future<?>[4];
            for (int t = 0; t < 4; t++) {
                f[t] = pool.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        try {
                            s.reserve(7, "x");
                            granted.addAndGet(7);
                        } catch (NoSpcException full) {
                            // expected once the account is full
                        }
                    }
                });
            }
            for (Future<?> x : f) {
                x.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(granted.get(), s.used());
        assertEquals(100_000 / 7 * 7, s.used());
    }

    @Test
    void entryCostCountsTheName() {
        assertEquals(SpaceAccount.ENTRY_BYTES + 10, SpaceAccount.entryCost(10));
    }
}
