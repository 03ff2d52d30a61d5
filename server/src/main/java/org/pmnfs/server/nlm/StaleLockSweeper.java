package org.pmnfs.server.nlm;

import java.io.IOException;
import org.pmnfs.vfs.BadHandleException;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileSystemBackend;
import org.pmnfs.vfs.StaleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops the lock state of files that no longer exist: another client removed a file while its
 * locks were held (the Linux client renames a file its own processes still have open, so this
 * happens only across clients), and no UNLOCK will ever name it again. Run now and then, and
 * before the locks are listed.
 */
public final class StaleLockSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(StaleLockSweeper.class);

    private final LockManager manager;
    private final FileSystemBackend backend;

    public StaleLockSweeper(LockManager manager, FileSystemBackend backend) {
        this.manager = manager;
        this.backend = backend;
    }

    /** Checks every file with lock state; returns how many entries went with their files. */
    public int sweep() {
        int dropped = 0;
        for (FileHandle f : manager.files()) {
            try {
                backend.getattr(f);
            } catch (StaleException | BadHandleException e) {
                int n = manager.forget(f);
                dropped += n;
                LOG.info("dropped {} lock(s), share(s) and waiter(s) of a file that was removed: {}", n, e.getMessage());
            } catch (IOException | RuntimeException e) {
                LOG.debug("cannot check a locked file: {}", e.toString());
            }
        }
        return dropped;
    }
}
