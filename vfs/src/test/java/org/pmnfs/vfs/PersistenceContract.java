package org.pmnfs.vfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Contract, part 9: what survives close and reopen (run only for backends that override
 * {@link #reopenBackend}). Handles, contents, the namespace and attributes stay; a removed
 * object's handle stays stale; committed UNSTABLE data survives; the write verifier changes.
 */
abstract class PersistenceContract extends ConcurrencyContract {

    /** The attributes that must survive a restart unchanged (atime and used may legitimately differ). */
    private static void assertSameAfterRestart(FileAttributes expected, FileAttributes actual, String what) {
        assertEquals(expected.type(), actual.type(), what + " type");
        assertEquals(expected.mode(), actual.mode(), what + " mode");
        assertEquals(expected.nlink(), actual.nlink(), what + " nlink");
        assertEquals(expected.uid(), actual.uid(), what + " uid");
        assertEquals(expected.gid(), actual.gid(), what + " gid");
        assertEquals(expected.size(), actual.size(), what + " size");
        assertEquals(expected.rdevMajor(), actual.rdevMajor(), what + " rdev major");
        assertEquals(expected.rdevMinor(), actual.rdevMinor(), what + " rdev minor");
        assertEquals(expected.fsid(), actual.fsid(), what + " fsid");
        assertEquals(expected.fileId(), actual.fileId(), what + " fileId");
        assertEquals(expected.mtimeNanos(), actual.mtimeNanos(), what + " mtime");
        assertEquals(expected.ctimeNanos(), actual.ctimeNanos(), what + " ctime");
    }

    @Test
    void handlesContentsAndNamespaceSurviveReopen() throws Exception {
        FileHandle d = dir(root, "d");
        FileHandle nested = dir(d, "nested");
        FileHandle f = file(d, "f");
        byte[] data = pattern(400, 300_000);
        write(f, 5, data);
        fs.link(f, nested, name("hard"));
        FileHandle l = symlink(root, "l", "d/f");
        FileHandle sparse = file(root, "sparse");
        write(sparse, 10_000_000, new byte[] {1});
        fs.setattr(sparse, SetAttributes.ofMode(0600).withOwner(5, 6), null);
        Map<FileHandle, FileAttributes> before = new LinkedHashMap<>();
        for (FileHandle h : new FileHandle[] {root, d, nested, f, l, sparse}) {
            before.put(h, attrs(h));
        }
        Set<String> rootNames = names(root);
        Set<String> dNames = names(d);

        reopen();

        assertEquals(before.keySet().iterator().next(), root, "the root handle is permanent");
        for (Map.Entry<FileHandle, FileAttributes> e : before.entrySet()) {
            assertSameAfterRestart(e.getValue(), attrs(e.getKey()), e.getKey().toString());
        }
        assertEquals(d, lookup(root, "d"));
        assertEquals(f, lookup(d, "f"));
        assertEquals(f, lookup(nested, "hard"));
        assertEquals(nested, lookup(d, "nested"));
        assertEquals(d, fs.lookup(nested, FileName.DOT_DOT).handle());
        assertEquals(rootNames, names(root));
        assertEquals(dNames, names(d));
        byte[] expected = new byte[5 + data.length];
        System.arraycopy(data, 0, expected, 5, data.length);
        assertBytes(expected, readAll(f), "file contents after reopen");
        assertArrayEquals("d/f".getBytes(), fs.readlink(l));
        assertArrayEquals(new byte[] {0, 0, 1}, read(sparse, 9_999_998, 10));

        FileAttributes old = attrs(f);
        write(f, 0, new byte[] {9});
        assertModified(old, attrs(f), "first write after reopen");
    }

    @Test
    void committedUnstableWritesSurviveReopen() throws Exception {
        FileHandle f = file(root, "f");
        byte[] data = pattern(401, 2 * MAX_IO + 77);
        int offset = 0;
        while (offset < data.length) {
            int n = Math.min(100_000, data.length - offset);
            fs.write(f, offset, ByteBuffer.wrap(data, offset, n), StableHow.UNSTABLE);
            offset += n;
        }
        fs.commit(f, 0, 0);
        reopen();
        assertBytes(data, readAll(f), "committed UNSTABLE data after reopen");
    }

    @Test
    void stableWritesSurviveReopenWithoutCommit() throws Exception {
        FileHandle f = file(root, "f");
        byte[] data = pattern(402, 100_000);
        fs.write(f, 0, ByteBuffer.wrap(data, 0, 50_000), StableHow.FILE_SYNC);
        fs.write(f, 50_000, ByteBuffer.wrap(data, 50_000, 50_000), StableHow.DATA_SYNC);
        reopen();
        assertBytes(data, readAll(f), "FILE_SYNC and DATA_SYNC data after reopen");
    }

    @Test
    void theWriteVerifierChangesOnReopen() throws Exception {
        long before = fs.writeVerifier();
        reopen();
        assertNotEquals(before, fs.writeVerifier(), "clients must learn that UNSTABLE data may be lost");
    }

    @Test
    void removedObjectsStayStaleAfterReopenAndReusedNumbersGetNewGenerations() throws Exception {
        FileHandle f = file(root, "f");
        FileHandle d = dir(root, "d");
        long fileIno = attrs(f).fileId();
        fs.remove(root, name("f"));
        fs.rmdir(root, name("d"));
        reopen();
        assertNfsError(NfsStatus.STALE, () -> fs.getattr(f));
        assertNfsError(NfsStatus.STALE, () -> fs.getattr(d));
        assertNfsError(NfsStatus.NOENT, () -> fs.lookup(root, name("f")));
        for (int i = 0; i < 256; i++) {
            FileHandle next = file(root, "g" + i);
            if (attrs(next).fileId() == fileIno) {
                assertNotEquals(f, next, "a reused inode number must come with a new generation");
                break;
            }
        }
        assertNfsError(NfsStatus.STALE, () -> fs.getattr(f));
        reopen();
        assertNfsError(NfsStatus.STALE, () -> fs.getattr(f));
    }

    @Test
    void renamesAndTruncatesSurviveReopen() throws Exception {
        FileHandle a = dir(root, "a");
        FileHandle b = dir(root, "b");
        FileHandle m = dir(a, "m");
        FileHandle f = file(m, "f");
        write(f, 0, pattern(403, 200_000));
        fs.setattr(f, SetAttributes.ofSize(70_001), null);
        fs.rename(a, name("m"), b, name("moved"));
        reopen();
        assertEquals(m, lookup(b, "moved"));
        assertEquals(b, fs.lookup(m, FileName.DOT_DOT).handle());
        assertEquals(2, attrs(a).nlink());
        assertEquals(3, attrs(b).nlink());
        fs.setattr(f, SetAttributes.ofSize(200_000), null);
        byte[] expected = new byte[200_000];
        System.arraycopy(pattern(403, 200_000), 0, expected, 0, 70_001);
        assertBytes(expected, readAll(f), "truncated file extended after reopen");
        assertTrue(names(a).isEmpty());
    }
}
