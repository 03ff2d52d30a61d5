package org.pmnfs.server.nfs;

import java.util.Objects;
import org.pmnfs.server.exports.CurrentExports;
import org.pmnfs.vfs.FileSystemBackend;

/**
 * What every NFS procedure may use: the backend, the exports in force, the export roots, the
 * transfer size advertised in FSINFO (the most READ returns and READDIR replies take) and the
 * counters of file data moved.
 */
record NfsContext(FileSystemBackend backend, CurrentExports exports, ExportRoots roots, int transferSize,
                  TransferCounters transfers) {
    NfsContext {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(exports, "exports");
        Objects.requireNonNull(roots, "roots");
        Objects.requireNonNull(transfers, "transfers");
        if (transferSize < 4096) {
            throw new IllegalArgumentException("transferSize: at least 4096, got " + transferSize);
        }
    }
}
