package org.pmnfs.vfs;

/** The backend is busy; the client should retry later (NFS3ERR_JUKEBOX). */
public final class JukeboxException extends NfsException {
    public JukeboxException(String message) {
        super(NfsStatus.JUKEBOX, message);
    }

    public JukeboxException(String message, Throwable cause) {
        super(NfsStatus.JUKEBOX, message, cause);
    }
}
