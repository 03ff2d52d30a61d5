package org.pmnfs.vfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Contract, part 2: creating and removing objects. CREATE's three modes, MKDIR, SYMLINK, MKNOD,
 * REMOVE and RMDIR, each with its errors (EXIST, NOENT, NOTDIR, ISDIR, NOTEMPTY, INVAL, BADTYPE,
 * NAMETOOLONG) and the wcc data of the directory it changed.
 */
abstract class NamespaceContract extends NamesContract {

    @Test
    void createMakesAnEmptyRegularFileWithTheGivenAttributes() throws Exception {
        FileAttributes dirBefore = attrs(root);
        CreateResult c = fs.create(root, name("f"), CreateMode.GUARDED, SetAttributes.ofMode(0640).withOwner(7, 8), 0);
        FileAttributes a = c.attributes();
        assertEquals(FileType.REGULAR, a.type());
        assertEquals(0640, a.mode());
        assertEquals(7, a.uid());
        assertEquals(8, a.gid());
        assertEquals(0, a.size());
        assertEquals(1, a.nlink());
        assertEquals(attrs(root).fsid(), a.fsid(), "every object of a store has the same fsid");
        assertEquals(attrs(c.handle()), a);
        assertEquals(c.handle(), lookup(root, "f"));
        assertWcc(c.directory(), dirBefore, root);
        assertTrue(c.handle().length() <= FileHandle.MAX_BYTES);
    }

    @Test
    void objectTimesComeFromTheInjectedClock() throws Exception {
        long start = clock.nanos();
        FileAttributes a = createFile(root, "f").attributes();
        for (long t : new long[] {a.atimeNanos(), a.mtimeNanos(), a.ctimeNanos()}) {
            assertTrue(t >= start && t < start + 1_000_000_000L,
                    "a new object's times must come from the injected clock (" + start + "), got " + t);
        }
    }

    @Test
    void guardedCreateOfAnExistingNameIsExistAndChangesNothing() throws Exception {
        FileHandle f = file(root, "f");
        write(f, 0, new byte[] {1, 2, 3});
        FileAttributes before = attrs(f);
        FileAttributes dirBefore = attrs(root);
        assertNfsError(NfsStatus.EXIST, () -> fs.create(root, name("f"), CreateMode.GUARDED, SetAttributes.ofSize(0), 0));
        assertEquals(before, attrs(f));
        assertEquals(dirBefore, attrs(root));
    }

    @Test
    void uncheckedCreateReturnsTheExistingFileAndAppliesOnlyTheSize() throws Exception {
        FileHandle f = file(root, "f");
        write(f, 0, pattern(1, 5000));
        CreateResult same = fs.create(root, name("f"), CreateMode.UNCHECKED, SetAttributes.ofMode(0600), 0);
        assertEquals(f, same.handle());
        assertEquals(5000, same.attributes().size(), "UNCHECKED without a size keeps the contents");
        assertArrayEquals(pattern(1, 5000), readAll(f));
        FileAttributes before = attrs(f);
        CreateResult truncated = fs.create(root, name("f"), CreateMode.UNCHECKED, SetAttributes.ofSize(0), 0);
        assertEquals(f, truncated.handle());
        assertEquals(0, truncated.attributes().size(), "UNCHECKED with size 0 truncates (O_CREAT|O_TRUNC)");
        assertEquals(attrs(f), truncated.attributes());
        assertModified(before, truncated.attributes(), "truncating create");
        assertEquals(attrs(root), truncated.directory().after());
        assertEquals(Set.of("f"), names(root));
    }

    @Test
    void uncheckedCreateOfANewNameCreates() throws Exception {
        CreateResult c = fs.create(root, name("new"), CreateMode.UNCHECKED, FILE_ATTRS, 0);
        assertEquals(FileType.REGULAR, c.attributes().type());
        assertEquals(c.handle(), lookup(root, "new"));
    }

    @Test
    void exclusiveCreateIsIdempotentForTheSameVerifierOnly() throws Exception {
        long verifier = 0x0123_4567_89ab_cdefL;
        CreateResult first = fs.create(root, name("x"), CreateMode.EXCLUSIVE, FILE_ATTRS, verifier);
        assertEquals(FileType.REGULAR, first.attributes().type());
        CreateResult retry = fs.create(root, name("x"), CreateMode.EXCLUSIVE, FILE_ATTRS, verifier);
        assertEquals(first.handle(), retry.handle(), "a retransmitted EXCLUSIVE create finds the file it made");
        assertNfsError(NfsStatus.EXIST, () -> fs.create(root, name("x"), CreateMode.EXCLUSIVE, FILE_ATTRS, verifier + 1));
        file(root, "plain");
        assertNfsError(NfsStatus.EXIST, () -> fs.create(root, name("plain"), CreateMode.EXCLUSIVE, FILE_ATTRS, verifier));
        assertEquals(Set.of("plain", "x"), names(root));
    }

    @Test
    void createOverAnExistingNonFileIsExistInEveryMode() throws Exception {
        dir(root, "d");
        symlink(root, "l", "target");
        for (String n : new String[] {"d", "l"}) {
            for (CreateMode mode : CreateMode.values()) {
                assertNfsError(NfsStatus.EXIST, () -> fs.create(root, name(n), mode, SetAttributes.ofSize(0), 9));
            }
        }
        assertEquals(FileType.DIRECTORY, attrs(lookup(root, "d")).type());
        assertEquals(FileType.SYMLINK, attrs(lookup(root, "l")).type());
    }

    @Test
    void mkdirMakesAnEmptyDirectoryAndRaisesTheParentsLinkCount() throws Exception {
        FileAttributes parentBefore = attrs(root);
        CreateResult c = fs.mkdir(root, name("d"), SetAttributes.ofMode(0710).withOwner(UID, GID));
        assertEquals(FileType.DIRECTORY, c.attributes().type());
        assertEquals(0710, c.attributes().mode());
        assertEquals(2, c.attributes().nlink());
        assertEquals(parentBefore.nlink() + 1, attrs(root).nlink());
        assertWcc(c.directory(), parentBefore, root);
        assertEquals(Set.of(), names(c.handle()));
        assertEquals(root, fs.lookup(c.handle(), FileName.DOT_DOT).handle());
    }

    @Test
    void mkdirOverAnyExistingNameIsExist() throws Exception {
        file(root, "f");
        FileHandle d = dir(root, "d");
        file(d, "inside");
        symlink(root, "l", "t");
        long nlink = attrs(root).nlink();
        for (String n : new String[] {"f", "d", "l"}) {
            assertNfsError(NfsStatus.EXIST, () -> fs.mkdir(root, name(n), DIR_ATTRS));
        }
        assertEquals(nlink, attrs(root).nlink());
        assertEquals(Set.of("inside"), names(d), "a refused mkdir must not touch the existing directory");
    }

    @Test
    void creatingInsideANonDirectoryIsNotdir() throws Exception {
        FileHandle f = file(root, "f");
        FileHandle l = symlink(root, "l", "f");
        for (FileHandle notDir : new FileHandle[] {f, l}) {
            assertNfsError(NfsStatus.NOTDIR, () -> fs.create(notDir, name("x"), CreateMode.UNCHECKED, FILE_ATTRS, 0));
            assertNfsError(NfsStatus.NOTDIR, () -> fs.mkdir(notDir, name("x"), DIR_ATTRS));
            assertNfsError(NfsStatus.NOTDIR, () -> fs.symlink(notDir, name("x"), new byte[] {'t'}, LINK_ATTRS));
            assertNfsError(NfsStatus.NOTDIR, () -> fs.lookup(notDir, name("x")));
            assertNfsError(NfsStatus.NOTDIR, () -> fs.remove(notDir, name("x")));
            assertNfsError(NfsStatus.NOTDIR, () -> fs.rmdir(notDir, name("x")));
            assertNfsError(NfsStatus.NOTDIR, () -> fs.readdir(notDir, 0, 0, false, EntryBudget.unlimited()));
        }
    }

    @Test
    void symlinkStoresItsTargetExactly() throws Exception {
        FileAttributes dirBefore = attrs(root);
        byte[] target = "../some/where else".getBytes(StandardCharsets.UTF_8);
        CreateResult c = fs.symlink(root, name("l"), target, LINK_ATTRS);
        assertEquals(FileType.SYMLINK, c.attributes().type());
        assertEquals(target.length, c.attributes().size(), "a symlink's size is its target's length");
        assertEquals(1, c.attributes().nlink());
        assertArrayEquals(target, fs.readlink(c.handle()));
        assertWcc(c.directory(), dirBefore, root);
    }

    @Test
    void symlinkTargetsUpTo4095BytesAreKept() throws Exception {
        for (int length : new int[] {1, 59, 60, 61, 255, 256, 4000, 4095}) {
            byte[] target = pattern(length, length);
            for (int i = 0; i < target.length; i++) {
                target[i] = (byte) ('a' + (target[i] & 15)); // no NUL: POSIX paths cannot hold one
            }
            FileHandle l = fs.symlink(root, name("l" + length), target, LINK_ATTRS).handle();
            assertArrayEquals(target, fs.readlink(l), "target of " + length + " bytes");
            assertEquals(length, attrs(l).size());
        }
    }

    @Test
    void symlinkTargetEmptyIsInvalAndLongerThan4095IsNameTooLong() throws Exception {
        assertNfsError(NfsStatus.INVAL, () -> fs.symlink(root, name("e"), new byte[0], LINK_ATTRS));
        byte[] tooLong = new byte[4096];
        Arrays.fill(tooLong, (byte) 'x');
        assertNfsError(NfsStatus.NAMETOOLONG, () -> fs.symlink(root, name("big"), tooLong, LINK_ATTRS));
        assertEquals(Set.of(), names(root), "a refused symlink leaves nothing behind");
    }

    @Test
    void symlinkOverAnExistingNameIsExist() throws Exception {
        file(root, "f");
        dir(root, "d");
        assertNfsError(NfsStatus.EXIST, () -> fs.symlink(root, name("f"), new byte[] {'t'}, LINK_ATTRS));
        assertNfsError(NfsStatus.EXIST, () -> fs.symlink(root, name("d"), new byte[] {'t'}, LINK_ATTRS));
        assertEquals(FileType.REGULAR, attrs(lookup(root, "f")).type());
    }

    @Test
    void readlinkOfANonSymlinkIsInval() throws Exception {
        FileHandle f = file(root, "f");
        FileHandle d = dir(root, "d");
        assertNfsError(NfsStatus.INVAL, () -> fs.readlink(f));
        assertNfsError(NfsStatus.INVAL, () -> fs.readlink(d));
    }

    @Test
    void mknodMakesSpecialFilesOrIsNotSupported() throws Exception {
        record Case(FileType type, int major, int minor) {}
        for (Case c : new Case[] {new Case(FileType.FIFO, 0, 0), new Case(FileType.SOCKET, 0, 0),
                new Case(FileType.CHARACTER, 4, 64), new Case(FileType.BLOCK, 8, 17)}) {
            String n = c.type().name().toLowerCase();
            FileAttributes dirBefore = attrs(root);
            CreateResult r;
            try {
                r = fs.mknod(root, name(n), c.type(), SetAttributes.ofMode(0600).withOwner(UID, GID), c.major(), c.minor());
            } catch (NotSuppException refused) {
                assertNfsError(NfsStatus.NOENT, () -> fs.lookup(root, name(n)));
                continue;
            }
            assertEquals(c.type(), r.attributes().type());
            assertEquals(c.major(), r.attributes().rdevMajor(), n + " rdev major");
            assertEquals(c.minor(), r.attributes().rdevMinor(), n + " rdev minor");
            assertEquals(0600, r.attributes().mode());
            assertEquals(r.handle(), lookup(root, n));
            assertWcc(r.directory(), dirBefore, root);
            assertNfsError(NfsStatus.EXIST, () -> fs.mknod(root, name(n), c.type(), SetAttributes.NONE, 1, 1));
            assertNfsError(NfsStatus.INVAL, () -> fs.read(r.handle(), 0, 1, ByteBuffer.allocate(1)));
            assertNfsError(NfsStatus.INVAL, () -> fs.setattr(r.handle(), SetAttributes.ofSize(0), null));
            assertNfsError(NfsStatus.INVAL, () -> fs.readlink(r.handle()));
            fs.remove(root, name(n));
            assertNfsError(NfsStatus.STALE, () -> fs.getattr(r.handle()));
        }
    }

    @Test
    void mknodOfARegularDirectoryOrSymlinkTypeIsBadType() throws Exception {
        for (FileType t : new FileType[] {FileType.REGULAR, FileType.DIRECTORY, FileType.SYMLINK}) {
            assertNfsError(NfsStatus.BADTYPE, () -> fs.mknod(root, name("n"), t, SetAttributes.NONE, 0, 0));
        }
        assertEquals(Set.of(), names(root));
    }

    @Test
    void removeDeletesTheNameAndTheObjectWithItsLastLink() throws Exception {
        FileHandle f = file(root, "f");
        write(f, 0, pattern(2, 1000));
        FileAttributes dirBefore = attrs(root);
        WccData wcc = fs.remove(root, name("f"));
        assertWcc(wcc, dirBefore, root);
        assertNfsError(NfsStatus.NOENT, () -> fs.lookup(root, name("f")));
        assertNfsError(NfsStatus.STALE, () -> fs.getattr(f));
        assertEquals(Set.of(), names(root));
    }

    @Test
    void removeErrors() throws Exception {
        FileHandle d = dir(root, "d");
        assertNfsError(NfsStatus.NOENT, () -> fs.remove(root, name("missing")));
        assertNfsError(NfsStatus.ISDIR, () -> fs.remove(root, name("d")));
        assertEquals(d, lookup(root, "d"));
        symlink(root, "l", "d");
        fs.remove(root, name("l"));
        assertEquals(d, lookup(root, "d"), "removing a symlink leaves its target alone");
    }

    @Test
    void rmdirRemovesAnEmptyDirectoryAndLowersTheParentsLinkCount() throws Exception {
        FileHandle d = dir(root, "d");
        FileAttributes parentBefore = attrs(root);
        WccData wcc = fs.rmdir(root, name("d"));
        assertWcc(wcc, parentBefore, root);
        assertEquals(parentBefore.nlink() - 1, attrs(root).nlink());
        assertNfsError(NfsStatus.STALE, () -> fs.getattr(d));
        assertEquals(Set.of(), names(root));
    }

    @Test
    void rmdirErrors() throws Exception {
        FileHandle d = dir(root, "d");
        file(d, "f");
        FileHandle e = dir(root, "e");
        dir(e, "sub");
        file(root, "plain");
        FileAttributes before = attrs(root);
        assertNfsError(NfsStatus.NOENT, () -> fs.rmdir(root, name("missing")));
        assertNfsError(NfsStatus.NOTEMPTY, () -> fs.rmdir(root, name("d")));
        assertNfsError(NfsStatus.NOTEMPTY, () -> fs.rmdir(root, name("e")));
        assertNfsError(NfsStatus.NOTDIR, () -> fs.rmdir(root, name("plain")));
        assertEquals(before, attrs(root));
        assertEquals(Set.of("f"), names(d));
        fs.remove(d, name("f"));
        fs.rmdir(root, name("d"));
        assertNotEquals(before.nlink(), attrs(root).nlink());
    }
}
