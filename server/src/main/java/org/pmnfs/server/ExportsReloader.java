package org.pmnfs.server;

import java.nio.file.Path;
import org.pmnfs.server.exports.ExportTable;
import org.pmnfs.server.exports.ExportsFile;
import org.pmnfs.server.exports.ExportsFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the exports file again and puts it in force (on SIGHUP, {@code systemctl reload}). A file
 * that does not parse changes nothing: the exports in force stay, and the error is logged with
 * the file name and line number. Connections and mounts are left alone either way.
 */
final class ExportsReloader {

    private static final Logger LOG = LoggerFactory.getLogger(ExportsReloader.class);

    private final Path file;
    private final PmnfsServer server;

    /** @param file the exports file given at start, or null when the built-in default is served */
    ExportsReloader(Path file, PmnfsServer server) {
        this.file = file;
        this.server = server;
    }

    /** Reloads; true when the file's exports are now in force. Reloads run one at a time. */
    synchronized boolean reload() {
        if (file == null) {
            LOG.warn("exports not reloaded: the server runs with the built-in default exports (no --exports FILE)");
            return false;
        }
        ExportTable table;
        try {
            table = ExportsFile.parse(file);
        } catch (ExportsFileException e) {
            LOG.error("exports not reloaded, the previous exports stay in force: {}", e.getMessage());
            return false;
        }
        server.replaceExports(table);
        LOG.info("exports reloaded from {}: {} export(s)", file, table.exports().size());
        return true;
    }
}
