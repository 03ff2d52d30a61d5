package org.pmnfs.vfs;

/**
 * How durable a WRITE must be before the reply (stable_how, RFC 1813 section 3.3.7). Ordered from
 * weakest to strongest, so {@code a.compareTo(b) >= 0} means a satisfies b.
 */
public enum StableHow {
    /** May sit in a volatile cache until COMMIT. */
    UNSTABLE(0),
    /** Data and the metadata needed to read it back are durable. */
    DATA_SYNC(1),
    /** Data and all metadata are durable. */
    FILE_SYNC(2);

    private final int code;

    StableHow(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The value with wire code {@code code}, or null. */
    public static StableHow ofCode(int code) {
        return switch (code) {
            case 0 -> UNSTABLE;
            case 1 -> DATA_SYNC;
            case 2 -> FILE_SYNC;
            default -> null;
        };
    }
}
