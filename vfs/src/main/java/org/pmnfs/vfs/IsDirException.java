package org.pmnfs.vfs;

/** The object is a directory and the operation needs a non-directory (NFS3ERR_ISDIR). */
public final class IsDirException extends NfsException {
    public IsDirException(String message) {
        super(NfsStatus.ISDIR, message);
    }

    public IsDirException(String message, Throwable cause) {
        super(NfsStatus.ISDIR, message, cause);
    }
}
