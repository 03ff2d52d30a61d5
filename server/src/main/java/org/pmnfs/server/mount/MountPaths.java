package org.pmnfs.server.mount;

import java.util.Optional;
import org.pmnfs.server.exports.Export;
import org.pmnfs.server.exports.ExportTable;
import org.pmnfs.vfs.NfsStatus;

/**
 * Paths in MNT and UMNT: normalising what the client sent, finding the export that contains it
 * (the longest export path that is the path or one of its ancestors, so subdirectories of an
 * export can be mounted as with Linux mountd), and the mountstat3 for a failed walk.
 */
final class MountPaths {

    private MountPaths() {}

    /** "/a//b/" becomes "/a/b"; null for a relative path or one with "." or ".." components. */
    static String normalize(String path) {
        if (!path.startsWith("/")) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (String c : path.split("/")) {
            if (c.isEmpty()) {
                continue;
            }
            if (c.equals(".") || c.equals("..")) {
                return null;
            }
            b.append('/').append(c);
        }
        return b.isEmpty() ? "/" : b.toString();
    }

    /** The export whose path is {@code path} or its nearest ancestor. */
    static Optional<Export> exportContaining(ExportTable table, String path) {
        Export best = null;
        for (Export e : table.exports()) {
            String p = e.path();
            boolean contains = p.equals(path) || p.equals("/") || path.startsWith(p + "/");
            if (contains && (best == null || p.length() > best.path().length())) {
                best = e;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The mountstat3 closest to an NFS status met while walking the path. */
    static int mountStatus(NfsStatus status) {
        return switch (status) {
            case PERM -> mountres3.MNT3ERR_PERM;
            case NOENT, STALE -> mountres3.MNT3ERR_NOENT;
            case ACCES -> mountres3.MNT3ERR_ACCES;
            case NOTDIR -> mountres3.MNT3ERR_NOTDIR;
            case INVAL -> mountres3.MNT3ERR_INVAL;
            case NAMETOOLONG -> mountres3.MNT3ERR_NAMETOOLONG;
            case NOTSUPP -> mountres3.MNT3ERR_NOTSUPP;
            case SERVERFAULT -> mountres3.MNT3ERR_SERVERFAULT;
            default -> mountres3.MNT3ERR_IO;
        };
    }
}
