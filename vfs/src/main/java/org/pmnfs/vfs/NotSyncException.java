package org.pmnfs.vfs;

/** The SETATTR guard ctime did not match (NFS3ERR_NOT_SYNC). */
public final class NotSyncException extends NfsException {
    public NotSyncException(String message) {
        super(NfsStatus.NOT_SYNC, message);
    }

    public NotSyncException(String message, Throwable cause) {
        super(NfsStatus.NOT_SYNC, message, cause);
    }
}
