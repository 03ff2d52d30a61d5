package org.pmnfs.vfs;

/** A well-formed handle that no longer names a live object (NFS3ERR_STALE). */
public final class StaleException extends NfsException {
    public StaleException(String message) {
        super(NfsStatus.STALE, message);
    }

    public StaleException(String message, Throwable cause) {
        super(NfsStatus.STALE, message, cause);
    }
}
