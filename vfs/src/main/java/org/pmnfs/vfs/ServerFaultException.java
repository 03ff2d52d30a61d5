package org.pmnfs.vfs;

/** An internal error that fits no other status (NFS3ERR_SERVERFAULT). */
public final class ServerFaultException extends NfsException {
    public ServerFaultException(String message) {
        super(NfsStatus.SERVERFAULT, message);
    }

    public ServerFaultException(String message, Throwable cause) {
        super(NfsStatus.SERVERFAULT, message, cause);
    }
}
