package org.pmnfs.server.nfs;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.pmnfs.server.exports.Export;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.FileSystemBackend;
import org.pmnfs.vfs.InvalException;
import org.pmnfs.vfs.NotDirException;

/**
 * Finds the directory an export path names by LOOKUPs from the backend's root (as mountd walks the
 * path), and remembers each export's root so LOOKUP of ".." at that root stays inside the export.
 */
public final class ExportRoots {

    private final FileSystemBackend backend;
    /** Export id to its root directory's handle; refreshed by every MNT. */
    private final Map<Integer, FileHandle> roots = new ConcurrentHashMap<>();

    public ExportRoots(FileSystemBackend backend) {
        this.backend = backend;
    }

    /**
     * The directory at absolute, normalised {@code path} ("/" or "/a/b"). NOENT or NOTDIR as the
     * walk finds; INVAL for "." or ".." components.
     */
    public FileHandle resolve(String path) throws IOException {
        FileHandle at = backend.root();
        for (String component : path.split("/")) {
            if (component.isEmpty()) {
                continue;
            }
            FileName name = FileName.of(component);
            if (name.isDotOrDotDot()) {
                throw new InvalException("path " + path + " contains '" + component + "'");
            }
            at = backend.lookup(at, name).handle();
        }
        if (!backend.getattr(at).isDirectory()) {
            throw new NotDirException(path + " is not a directory");
        }
        return at;
    }

    /** The root of {@code export}, resolved once and then remembered. */
    public FileHandle rootOf(Export export) throws IOException {
        FileHandle known = roots.get(export.id());
        if (known != null) {
            return known;
        }
        FileHandle root = resolve(export.path());
        roots.put(export.id(), root);
        return root;
    }

    /** Records the root of {@code export} as just resolved (by MNT). */
    public void remember(Export export, FileHandle root) {
        roots.put(export.id(), root);
    }
}
