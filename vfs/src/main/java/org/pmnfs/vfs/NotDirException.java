package org.pmnfs.vfs;

/** A directory was required (NFS3ERR_NOTDIR). */
public final class NotDirException extends NfsException {
    public NotDirException(String message) {
        super(NfsStatus.NOTDIR, message);
    }

    public NotDirException(String message, Throwable cause) {
        super(NfsStatus.NOTDIR, message, cause);
    }
}
