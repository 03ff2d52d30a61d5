package org.pmnfs.vfs;

/** The caller lacks permission for this access (NFS3ERR_ACCES). */
public final class AccessException extends NfsException {
    public AccessException(String message) {
        super(NfsStatus.ACCES, message);
    }

    public AccessException(String message, Throwable cause) {
        super(NfsStatus.ACCES, message, cause);
    }
}
