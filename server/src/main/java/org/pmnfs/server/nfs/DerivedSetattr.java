package org.pmnfs.server.nfs;

import java.io.IOException;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileSystemBackend;
import org.pmnfs.vfs.JukeboxException;
import org.pmnfs.vfs.NfsException;
import org.pmnfs.vfs.NotSyncException;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.WccData;

/**
 * Applies an attribute change the server works out from an object's current attributes (the
 * set-id bits a WRITE or a chown clears) as a compare-and-set: the SETATTR goes to the backend
 * guarded by the ctime of the attributes it was worked out from, so a change that slipped in
 * between (a chmod by another client) is never overwritten with a stale mode. On a mismatch the
 * change is worked out again from fresh attributes, a bounded number of times.
 */
final class DerivedSetattr {

    /** Tries before giving up with JUKEBOX (the client retries later); only a storm of changes to one object uses them up. */
    static final int ATTEMPTS = 8;

    /** Works out the change to make from the object's current attributes; null when none is needed. */
    @FunctionalInterface
    interface Derivation {
        SetAttributes from(FileAttributes current) throws NfsException;
    }

    private DerivedSetattr() {}

    /**
     * Applies what {@code derive} gives for {@code first}, or for fresher attributes after a
     * race. Returns the backend's wcc data of the change made, or null when none was needed.
     */
    static WccData apply(FileSystemBackend backend, FileHandle object, FileAttributes first, Derivation derive) throws IOException {
        FileAttributes current = first;
        for (int attempt = 1; ; attempt++) {
            SetAttributes change = derive.from(current);
            if (change == null) {
                return null;
            }
            try {
                return backend.setattr(object, change, current.ctimeNanos());
            } catch (NotSyncException e) {
                if (attempt == ATTEMPTS) {
                    throw new JukeboxException("the attributes of object " + current.fileId() + " changed under "
                            + ATTEMPTS + " attempts to apply " + change + "; try again", e);
                }
                current = backend.getattr(object);
            }
        }
    }

    /** One guarded try: the wcc data of the change made, or null when the object changed since {@code current}. */
    static WccData applyOnce(FileSystemBackend backend, FileHandle object, FileAttributes current, SetAttributes change)
            throws IOException {
        try {
            return backend.setattr(object, change, current.ctimeNanos());
        } catch (NotSyncException e) {
            return null;
        }
    }
}
