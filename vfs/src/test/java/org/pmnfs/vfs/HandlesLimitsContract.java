package org.pmnfs.vfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Contract, part 7: handles (stale after remove, malformed is BADHANDLE, a reused inode number
 * gets a new generation), FSSTAT/FSINFO/PATHCONF, close, and filling a bounded store to NOSPC.
 */
abstract class HandlesLimitsContract extends ReaddirContract {

    @Test
    void handlesOfARemovedFileAreStaleForEveryOperation() throws Exception {
        FileHandle f = file(root, "f");
        write(f, 0, pattern(18, 10));
        fs.remove(root, name("f"));
        assertNfsError(NfsStatus.STALE, () -> fs.getattr(f));
        assertNfsError(NfsStatus.STALE, () -> fs.read(f, 0, 10, ByteBuffer.allocate(10)));
        assertNfsError(NfsStatus.STALE, () -> fs.write(f, 0, ByteBuffer.wrap(new byte[1]), StableHow.FILE_SYNC));
        assertNfsError(NfsStatus.STALE, () -> fs.setattr(f, SetAttributes.ofMode(0600), null));
        assertNfsError(NfsStatus.STALE, () -> fs.lookup(f, name("x")));
        assertNfsError(NfsStatus.STALE, () -> fs.commit(f, 0, 0));
        assertNfsError(NfsStatus.STALE, () -> fs.access(f, Credentials.ROOT, AccessMask.ALL));
        assertNfsError(NfsStatus.STALE, () -> fs.link(f, root, name("back")));
        assertNfsError(NfsStatus.STALE, () -> fs.readlink(f));
        assertEquals(Set.of(), names(root), "a link to a stale handle must not appear");
    }

    @Test
    void handlesOfARemovedDirectoryAreStaleForEveryOperation() throws Exception {
        FileHandle d = dir(root, "d");
        fs.rmdir(root, name("d"));
        assertNfsError(NfsStatus.STALE, () -> fs.getattr(d));
        assertNfsError(NfsStatus.STALE, () -> fs.lookup(d, name("x")));
        assertNfsError(NfsStatus.STALE, () -> fs.lookup(d, FileName.DOT_DOT));
        assertNfsError(NfsStatus.STALE, () -> fs.create(d, name("x"), CreateMode.UNCHECKED, FILE_ATTRS, 0));
        assertNfsError(NfsStatus.STALE, () -> fs.mkdir(d, name("x"), DIR_ATTRS));
        assertNfsError(NfsStatus.STALE, () -> fs.symlink(d, name("x"), new byte[] {'t'}, LINK_ATTRS));
        assertNfsError(NfsStatus.STALE, () -> fs.remove(d, name("x")));
        assertNfsError(NfsStatus.STALE, () -> fs.rmdir(d, name("x")));
        assertNfsError(NfsStatus.STALE, () -> fs.rename(d, name("x"), root, name("y")));
        FileHandle f = file(root, "f");
        assertNfsError(NfsStatus.STALE, () -> fs.rename(root, name("f"), d, name("y")));
        assertNfsError(NfsStatus.STALE, () -> fs.link(f, d, name("y")));
        assertEquals(f, lookup(root, "f"));
        assertEquals(1, attrs(f).nlink());
    }

    @Test
    void aReplacedRenameTargetIsStale() throws Exception {
        FileHandle a = file(root, "a");
        FileHandle b = file(root, "b");
        fs.rename(root, name("a"), root, name("b"));
        assertNfsError(NfsStatus.STALE, () -> fs.read(b, 0, 1, ByteBuffer.allocate(1)));
        assertEquals(a, lookup(root, "b"));
    }

    @Test
    void malformedHandlesAreBadHandle() throws Exception {
        byte[] real = root.bytes();
        FileHandle[] malformed = {
            new FileHandle(new byte[] {1, 2, 3}),
            new FileHandle(Arrays.copyOf(real, real.length - 1)),
            new FileHandle(Arrays.copyOf(real, FileHandle.MAX_BYTES)),
            new FileHandle(new byte[real.length]),
        };
        for (FileHandle h : malformed) {
            if (h.equals(root)) {
                continue;
            }
            assertNfsError(NfsStatus.BADHANDLE, () -> fs.getattr(h));
            assertNfsError(NfsStatus.BADHANDLE, () -> fs.lookup(h, name("x")));
            assertNfsError(NfsStatus.BADHANDLE, () -> fs.read(h, 0, 1, ByteBuffer.allocate(1)));
        }
    }

    @Test
    void aReusedInodeNumberGetsANewHandle() throws Exception {
        FileHandle first = file(root, "f");
        long ino = attrs(first).fileId();
        fs.remove(root, name("f"));
        for (int i = 0; i < 256; i++) {
            FileHandle next = file(root, "g" + i);
            if (attrs(next).fileId() == ino) {
                assertNotEquals(first, next, "a reused inode number must come with a new generation");
                assertNfsError(NfsStatus.STALE, () -> fs.getattr(first));
                return;
            }
        }
        assertNfsError(NfsStatus.STALE, () -> fs.getattr(first));
    }

    @Test
    void handlesAreStableAndFitTheProtocol() throws Exception {
        FileHandle f = file(root, "f");
        FileHandle d = dir(root, "d");
        assertEquals(root, fs.root());
        assertEquals(f, lookup(root, "f"));
        assertEquals(d, lookup(root, "d"));
        for (FileHandle h : new FileHandle[] {root, f, d}) {
            assertTrue(h.length() <= FileHandle.MAX_BYTES);
        }
        assertNotEquals(f, d);
    }

    @Test
    void fsinfoAndPathconfAreSane() throws Exception {
        FsInfo info = fs.fsinfo(root);
        assertTrue(info.maxFileSize() >= 1L << 32, "max file size " + info.maxFileSize() + " below 4 GiB");
        assertTrue(info.timeDeltaNanos() <= 1_000_000_000L, "time granularity coarser than a second");
        assertTrue(info.supportsHardLinks());
        assertTrue(info.supportsSymlinks());
        assertTrue(info.canSetTime());
        PathConf pc = fs.pathconf(root);
        assertEquals(FileName.MAX_BYTES, pc.nameMax());
        assertTrue(pc.linkMax() >= 2);
        assertTrue(pc.noTrunc(), "long names are refused, never truncated");
        assertFalse(pc.caseInsensitive());
        assertTrue(pc.casePreserving());
        FileHandle f = file(root, "f");
        assertEquals(info, fs.fsinfo(f));
        assertEquals(pc, fs.pathconf(f));
    }

    @Test
    void fsstatIsSaneAndFreeSpaceShrinksAfterWriting() throws Exception {
        FsStat before = fs.fsstat(root);
        assertTrue(before.totalBytes() > 0);
        assertTrue(before.freeBytes() > 4 * MAX_IO, "an empty store needs room for the suite");
        assertTrue(before.totalFiles() > 0);
        FileHandle f = file(root, "f");
        for (int i = 0; i < 4; i++) {
            write(f, (long) i * MAX_IO, pattern(i, MAX_IO));
        }
        FsStat after = fs.fsstat(f);
        assertTrue(after.freeBytes() < before.freeBytes(),
                "free bytes must shrink after writing 4 MiB: " + before.freeBytes() + " then " + after.freeBytes());
        assertTrue(after.freeFiles() <= before.freeFiles());
        assertTrue(attrs(f).used() > 0, "a written file uses storage");
    }

    @Test
    void operationsOnAStaleHandleForFsstatAreStale() throws Exception {
        FileHandle f = file(root, "f");
        fs.remove(root, name("f"));
        assertNfsError(NfsStatus.STALE, () -> fs.fsstat(f));
    }

    @Test
    void closeIsIdempotentAndLaterCallsFail() throws Exception {
        FileSystemBackend other = track(openBackend(new TestClock()));
        FileHandle r = other.root();
        other.close();
        other.close();
        assertThrows(IOException.class, () -> other.getattr(r));
    }

    @Test
    void aBoundedStoreFillsUpWithNospcAndRecoversAfterRemoval() throws Exception {
        FileSystemBackend small = track(openBoundedBackend(clock));
        Assumptions.assumeTrue(small != null, "fill test skipped: openBoundedBackend returns null");
        FileHandle r = small.root();
        FsStat empty = small.fsstat(r);
        FileHandle f = small.create(r, name("fill"), CreateMode.GUARDED, FILE_ATTRS, 0).handle();
        int chunk = 64 * 1024;
        long acknowledged = 0;
        long limit = empty.totalBytes() * 2 + 64L * chunk;
        NoSpcException full = null;
        while (full == null) {
            assertTrue(acknowledged <= limit, "wrote " + acknowledged + " bytes into a store of " + empty.totalBytes()
                    + " without NFS3ERR_NOSPC");
            try {
                small.write(f, acknowledged, ByteBuffer.wrap(pattern(acknowledged, chunk)), StableHow.FILE_SYNC);
                acknowledged += chunk;
            } catch (NoSpcException e) {
                full = e;
            }
        }
        assertEquals(NfsStatus.NOSPC, full.status());
        assertTrue(acknowledged >= empty.freeBytes() / 2,
                "NOSPC after only " + acknowledged + " of " + empty.freeBytes() + " free bytes");
        FileAttributes after = small.getattr(f);
        assertEquals(acknowledged, after.size(), "a write that failed with NOSPC must not change the size");
        byte[] last = new byte[chunk];
        small.read(f, acknowledged - chunk, chunk, ByteBuffer.wrap(last));
        assertArrayEquals(pattern(acknowledged - chunk, chunk), last, "acknowledged data intact when full");
        assertTrue(small.fsstat(r).freeBytes() < empty.freeBytes());

        small.remove(r, name("fill"));
        FsStat recovered = small.fsstat(r);
        assertTrue(recovered.freeBytes() >= empty.freeBytes() - chunk,
                "removing the file must give its space back: " + recovered.freeBytes() + " of " + empty.freeBytes());
        FileHandle g = small.create(r, name("again"), CreateMode.GUARDED, FILE_ATTRS, 0).handle();
        small.write(g, 0, ByteBuffer.wrap(pattern(1, chunk)), StableHow.FILE_SYNC);
        try {
            small.create(r, name("x"), CreateMode.GUARDED, FILE_ATTRS, 0);
        } catch (NoSpcException e) {
            fail("a store with space again refused a create", e);
        }
    }
}
