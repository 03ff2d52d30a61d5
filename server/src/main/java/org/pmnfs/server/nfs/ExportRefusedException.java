package org.pmnfs.server.nfs;

import org.pmnfs.vfs.NfsException;
import org.pmnfs.vfs.NfsStatus;

/**
 * A request refused by the export rules rather than by the file system: the client is not listed,
 * comes from an unprivileged port to a {@code secure} export (ACCES), or modifies a read-only one
 * (ROFS). Logged at WARN, since it usually means a misconfigured client or export.
 */
final class ExportRefusedException extends NfsException {

    ExportRefusedException(NfsStatus status, String message) {
        super(status, message);
    }
}
