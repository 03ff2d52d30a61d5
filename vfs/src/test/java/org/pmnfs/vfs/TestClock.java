package org.pmnfs.vfs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A {@link Clock} that stands still until a test moves it, so a backend's timestamps can only
 * change because {@link NanoClock} makes them strictly increasing, never because time passed.
 */
public final class TestClock extends Clock {

    /** Where contract tests start: far from the real time, so a backend reading the system clock shows. */
    public static final Instant START = Instant.parse("2001-02-03T04:05:06.123456789Z");

    private volatile Instant now;

    public TestClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    public TestClock() {
        this(START);
    }

    /** Moves the clock forward (or back, with a negative amount). */
    public void advance(Duration amount) {
        now = now.plus(amount);
    }

    /** {@link #instant()} in nanoseconds since the epoch, as backends store times. */
    public long nanos() {
        Instant i = now;
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("TestClock is always UTC");
    }
}
