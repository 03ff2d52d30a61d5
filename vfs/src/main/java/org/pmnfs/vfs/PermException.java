package org.pmnfs.vfs;

/** The caller is neither the owner nor privileged for this operation (NFS3ERR_PERM). */
public final class PermException extends NfsException {
    public PermException(String message) {
        super(NfsStatus.PERM, message);
    }

    public PermException(String message, Throwable cause) {
        super(NfsStatus.PERM, message, cause);
    }
}
