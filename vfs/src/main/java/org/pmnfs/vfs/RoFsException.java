package org.pmnfs.vfs;

/** A modifying operation on a read-only export (NFS3ERR_ROFS). */
public final class RoFsException extends NfsException {
    public RoFsException(String message) {
        super(NfsStatus.ROFS, message);
    }

    public RoFsException(String message, Throwable cause) {
        super(NfsStatus.ROFS, message, cause);
    }
}
