package org.pmnfs.server.exports;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The set of exports the server offers, from an exports file or the built-in default. Immutable;
 * looked up by path (MOUNT) and by id (the export id carried in every file handle).
 */
public final class ExportTable {

    /**
     * The default when no exports file is given: {@code / 127.0.0.1(rw,insecure,no_root_squash)}.
     * Only loopback can reach it, so trusting local root and unprivileged ports (libnfs as a user)
     * is safe, and a user who mounts as root can write.
     */
    public static final ExportTable DEFAULT = new ExportTable(List.of(new Export("/", List.of(new ExportRule(
            ClientMatcher.of(InetAddress.getLoopbackAddress()),
            new ExportOptions(false, Squash.NONE, ExportOptions.DEFAULT_ANON_ID, ExportOptions.DEFAULT_ANON_ID, false))))));

    private final List<Export> exports;
    private final Map<String, Export> byPath = new HashMap<>();
    private final Map<Integer, Export> byId = new HashMap<>();

    public ExportTable(List<Export> exports) {
        this.exports = List.copyOf(exports);
        for (Export e : this.exports) {
            if (byPath.put(e.path(), e) != null) {
                throw new IllegalArgumentException("export " + e.path() + " listed twice");
            }
            Export clash = byId.put(e.id(), e);
            if (clash != null) {
                throw new IllegalArgumentException("exports " + clash.path() + " and " + e.path()
                        + " hash to the same id; rename one");
            }
        }
    }

    public List<Export> exports() {
        return exports;
    }

    /** The export at {@code path}, written as a client may send it ("/a/b/", "/a//b"). */
    public Optional<Export> byPath(String path) {
        try {
            return Optional.ofNullable(byPath.get(ExportPaths.normalize(path)));
        } catch (IllegalArgumentException notAnExportPath) {
            return Optional.empty();
        }
    }

    public Optional<Export> byId(int id) {
        return Optional.ofNullable(byId.get(id));
    }
}
