package org.pmnfs.vfs;

/** A link or rename across file systems (NFS3ERR_XDEV). */
public final class XDevException extends NfsException {
    public XDevException(String message) {
        super(NfsStatus.XDEV, message);
    }

    public XDevException(String message, Throwable cause) {
        super(NfsStatus.XDEV, message, cause);
    }
}
