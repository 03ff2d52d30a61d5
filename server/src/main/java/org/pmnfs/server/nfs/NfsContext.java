package org.pmnfs.server.nfs;

import java.util.Objects;
import org.pmnfs.server.exports.ExportTable;
import org.pmnfs.vfs.FileSystemBackend;

/**
 * What every NFS procedure may use: the backend, the export table, the export roots and the
 * transfer size advertised in FSINFO (the most READ returns and READDIR replies take).
 */
record NfsContext(FileSystemBackend backend, ExportTable exports, ExportRoots roots, int transferSize) {
    NfsContext {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(exports, "exports");
        Objects.requireNonNull(roots, "roots");
        if (transferSize < 4096) {
            throw new IllegalArgumentException("transferSize: at least 4096, got " + transferSize);
        }
    }
}
