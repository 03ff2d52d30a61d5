package org.pmnfs.vfs;

/** A handle that this server never made (NFS3ERR_BADHANDLE). */
public final class BadHandleException extends NfsException {
    public BadHandleException(String message) {
        super(NfsStatus.BADHANDLE, message);
    }

    public BadHandleException(String message, Throwable cause) {
        super(NfsStatus.BADHANDLE, message, cause);
    }
}
