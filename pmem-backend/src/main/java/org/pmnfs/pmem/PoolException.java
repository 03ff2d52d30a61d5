package org.pmnfs.pmem;

import java.io.IOException;
import java.util.Objects;

/**
 * A pool cannot be opened, formatted or checked as asked. {@link #reason()} says why in a form
 * the CLI can act on; the message names the file and the offending value. Whenever this is
 * thrown while opening, nothing has been written to the pool.
 */
public final class PoolException extends IOException {

    /** Why the pool was refused. */
    public enum Reason {
        /** The path does not exist (and was not to be created). */
        NOT_FOUND,
        /** Not a regular file or a device-DAX node, or not readable and writable. */
        UNSUPPORTED_DEVICE,
        /** Another pmnfs (this or another process) has the pool open. */
        IN_USE,
        /** Shorter than one super block, or shorter than the size its super block records. */
        TRUNCATED,
        /** No PMFS2 magic in block 0. */
        BAD_MAGIC,
        /** The super block checksum does not match its contents. */
        BAD_CRC,
        /** Made by a newer (or unknown major) format version than this code reads. */
        UNSUPPORTED_VERSION,
        /** A PMFS2 pool without the pmnfs extension (no journal area). */
        NOT_PMNFS,
        /** The recorded areas are inconsistent or do not fit the device. */
        BAD_GEOMETRY,
        /** mkfs found a super block and was not forced. */
        ALREADY_FORMATTED,
        /** The requested size is too small, or not allowed for this kind of device. */
        BAD_SIZE,
        /** Metadata is damaged in a way mount cannot repair; run fsck --repair. */
        CORRUPT
    }

    private final Reason reason;

    public PoolException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public PoolException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
