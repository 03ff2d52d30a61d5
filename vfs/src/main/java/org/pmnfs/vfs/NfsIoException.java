package org.pmnfs.vfs;

/** A hard error in the backing store (NFS3ERR_IO). */
public final class NfsIoException extends NfsException {
    public NfsIoException(String message) {
        super(NfsStatus.IO, message);
    }

    public NfsIoException(String message, Throwable cause) {
        super(NfsStatus.IO, message, cause);
    }
}
