package org.pmnfs.server.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmnfs.server.exports.ClientMatcher;
import org.pmnfs.server.exports.Export;
import org.pmnfs.server.exports.ExportOptions;
import org.pmnfs.server.exports.ExportRule;
import org.pmnfs.server.exports.ExportTable;
import org.pmnfs.vfs.NfsStatus;

/** Normalising MNT paths and choosing the export that contains them. */
class MountPathsTest {

    private static Export export(String path) {
        return new Export(path, List.of(new ExportRule(ClientMatcher.ANY, ExportOptions.EXPORTS_DEFAULTS)));
    }

    @Test
    void normalizes() {
        assertEquals("/", MountPaths.normalize("/"));
        assertEquals("/", MountPaths.normalize("//"));
        assertEquals("/a/b", MountPaths.normalize("//a//b/"));
        assertNull(MountPaths.normalize("a/b"));
        assertNull(MountPaths.normalize("/a/../b"));
        assertNull(MountPaths.normalize("/a/./b"));
        assertNull(MountPaths.normalize(""));
    }

    @Test
    void theLongestAncestorExportWins() {
        ExportTable t = new ExportTable(List.of(export("/data"), export("/data/deep"), export("/other")));
        assertEquals("/data", MountPaths.exportContaining(t, "/data").orElseThrow().path());
        assertEquals("/data", MountPaths.exportContaining(t, "/data/x").orElseThrow().path());
        assertEquals("/data/deep", MountPaths.exportContaining(t, "/data/deep/x").orElseThrow().path());
        assertTrue(MountPaths.exportContaining(t, "/dat").isEmpty());
        assertTrue(MountPaths.exportContaining(t, "/database").isEmpty());
        ExportTable slash = new ExportTable(List.of(export("/")));
        assertEquals("/", MountPaths.exportContaining(slash, "/anything/below").orElseThrow().path());
    }

    @Test
    void mapsWalkFailuresToMountStatuses() {
        assertEquals(mountres3.MNT3ERR_NOENT, MountPaths.mountStatus(NfsStatus.NOENT));
        assertEquals(mountres3.MNT3ERR_NOTDIR, MountPaths.mountStatus(NfsStatus.NOTDIR));
        assertEquals(mountres3.MNT3ERR_ACCES, MountPaths.mountStatus(NfsStatus.ACCES));
        assertEquals(mountres3.MNT3ERR_IO, MountPaths.mountStatus(NfsStatus.NOSPC));
    }
}
