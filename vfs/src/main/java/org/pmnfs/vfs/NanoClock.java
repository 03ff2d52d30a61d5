package org.pmnfs.vfs;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Timestamps for mtime/ctime: nanoseconds since the epoch from an injected {@link Clock}, strictly
 * increasing across calls. NFSv3 has no change attribute, so clients detect a change only by a
 * new mtime or ctime; two changes inside one clock tick must still get different times.
 */
public final class NanoClock {

    private final Clock clock;
    private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

    public NanoClock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static NanoClock system() {
        return new NanoClock(Clock.systemUTC());
    }

    /** The current time in ns since the epoch, greater than any value returned before. */
    public long now() {
        Instant i = clock.instant();
        long t = Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
        while (true) {
            long prev = last.get();
            long next = t > prev ? t : prev + 1;
            if (last.compareAndSet(prev, next)) {
                return next;
            }
        }
    }
}
