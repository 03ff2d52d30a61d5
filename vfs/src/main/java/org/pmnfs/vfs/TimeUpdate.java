package org.pmnfs.vfs;

import java.util.Objects;

/** How SETATTR changes one timestamp (set_atime / set_mtime, RFC 1813 section 2.6). */
public record TimeUpdate(How how, long nanos) {

    public enum How { DONT_CHANGE, SERVER_TIME, CLIENT_TIME }

    public static final TimeUpdate DONT_CHANGE = new TimeUpdate(How.DONT_CHANGE, 0);
    public static final TimeUpdate SERVER_TIME = new TimeUpdate(How.SERVER_TIME, 0);

    public TimeUpdate {
        Objects.requireNonNull(how, "how");
        if (how != How.CLIENT_TIME && nanos != 0) {
            throw new IllegalArgumentException("nanos: only CLIENT_TIME carries a time, got " + how + " with " + nanos);
        }
    }

    public static TimeUpdate clientTime(long nanos) {
        return new TimeUpdate(How.CLIENT_TIME, nanos);
    }

    public boolean changes() {
        return how != How.DONT_CHANGE;
    }

    /** The new time: {@code now} for SERVER_TIME, the client's for CLIENT_TIME. */
    public long resolve(long now) {
        return switch (how) {
            case DONT_CHANGE -> throw new IllegalStateException("DONT_CHANGE has no time");
            case SERVER_TIME -> now;
            case CLIENT_TIME -> nanos;
        };
    }
}
