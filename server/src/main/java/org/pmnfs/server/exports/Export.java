package org.pmnfs.server.exports;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * One exported directory: its absolute path inside the backend and its client rules, first match
 * wins (as exports(5) reads a line left to right). {@link #id()} is derived from the path, so it
 * is the same after a restart and can be carried in file handles.
 */
public record Export(String path, List<ExportRule> rules) {

    public Export {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("export path: must be absolute, got '" + path + "'");
        }
        rules = List.copyOf(rules);
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("export " + path + ": no client rules");
        }
    }

    /** A stable 32-bit id of this export (CRC-32C of the path's UTF-8 bytes). */
    public int id() {
        CRC32C crc = new CRC32C();
        crc.update(path.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    /** The options of the first rule matching {@code client}, or empty when the client is refused. */
    public Optional<ExportOptions> optionsFor(InetAddress client) {
        for (ExportRule r : rules) {
            if (r.client().matches(client)) {
                return Optional.of(r.options());
            }
        }
        return Optional.empty();
    }
}
