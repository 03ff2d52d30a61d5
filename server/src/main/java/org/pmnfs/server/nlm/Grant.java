package org.pmnfs.server.nlm;

import java.util.Objects;
import org.pmnfs.vfs.FileHandle;

/**
 * A blocked request that the lock manager has just granted: the lock is held for its owner from
 * now on, and the client is to be told with a GRANTED callback. Until the client confirms (its
 * lockd accepts the callback, or it asks again), a CANCEL or a refused callback gives it back.
 */
public record Grant(FileHandle file, LockOwner owner, LockRange range, boolean exclusive, GrantCallback callback) {

    public Grant {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(callback, "callback");
    }

    /** The same request (file, owner, range and kind), whoever's callback details. */
    boolean sameRequest(Grant o) {
        return file.equals(o.file) && owner.equals(o.owner) && range.equals(o.range) && exclusive == o.exclusive;
    }
}
