package org.pmnfs.vfs;

/** Too many hard links (NFS3ERR_MLINK). */
public final class MLinkException extends NfsException {
    public MLinkException(String message) {
        super(NfsStatus.MLINK, message);
    }

    public MLinkException(String message, Throwable cause) {
        super(NfsStatus.MLINK, message, cause);
    }
}
