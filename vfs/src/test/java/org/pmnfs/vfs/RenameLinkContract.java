package org.pmnfs.vfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Contract, part 3: RENAME (POSIX rename(2) semantics, atomic replacement, directory link counts,
 * ".." following a moved directory, no directory inside its own subtree) and LINK (hard links
 * and nlink).
 */
abstract class RenameLinkContract extends NamespaceContract {

    @Test
    void renameWithinADirectoryMovesTheName() throws Exception {
        FileHandle f = file(root, "a");
        write(f, 0, pattern(3, 100));
        FileAttributes dirBefore = attrs(root);
        FileAttributes fileBefore = attrs(f);
        RenameResult r = fs.rename(root, name("a"), root, name("b"));
        assertWcc(r.fromDirectory(), dirBefore, root);
        assertWcc(r.toDirectory(), dirBefore, root);
        assertEquals(f, lookup(root, "b"), "a renamed object keeps its handle");
        assertNfsError(NfsStatus.NOENT, () -> fs.lookup(root, name("a")));
        assertEquals(fileBefore.nlink(), attrs(f).nlink());
        assertArrayEquals(pattern(3, 100), readAll(f));
        assertModified(dirBefore, attrs(root), "directory after rename");
    }

    @Test
    void renameOfAMissingNameIsNoent() throws Exception {
        FileHandle d = dir(root, "d");
        assertNfsError(NfsStatus.NOENT, () -> fs.rename(root, name("missing"), d, name("x")));
        assertEquals(Set.of(), names(d));
    }

    @Test
    void renameOverAFileReplacesItAtomically() throws Exception {
        FileHandle a = file(root, "a");
        FileHandle b = file(root, "b");
        write(a, 0, new byte[] {1});
        write(b, 0, new byte[] {2});
        fs.rename(root, name("a"), root, name("b"));
        assertEquals(a, lookup(root, "b"));
        assertEquals(Set.of("b"), names(root));
        assertNfsError(NfsStatus.STALE, () -> fs.getattr(b));
        assertArrayEquals(new byte[] {1}, readAll(lookup(root, "b")));
    }

    @Test
    void renameOverAFileWithAnotherLinkKeepsThatFile() throws Exception {
        FileHandle a = file(root, "a");
        FileHandle b = file(root, "b");
        fs.link(b, root, name("b2"));
        fs.rename(root, name("a"), root, name("b"));
        assertEquals(a, lookup(root, "b"));
        assertEquals(b, lookup(root, "b2"));
        assertEquals(1, attrs(b).nlink(), "the replaced file lost one of its two links");
    }

    @Test
    void renameOfADirectoryOverAnEmptyDirectoryReplacesIt() throws Exception {
        FileHandle a = dir(root, "a");
        file(a, "inside");
        FileHandle b = dir(root, "b");
        long nlink = attrs(root).nlink();
        fs.rename(root, name("a"), root, name("b"));
        assertEquals(a, lookup(root, "b"));
        assertNfsError(NfsStatus.STALE, () -> fs.getattr(b));
        assertEquals(nlink - 1, attrs(root).nlink(), "one subdirectory fewer");
        assertEquals(Set.of("inside"), names(lookup(root, "b")));
    }

    @Test
    void renameTypeConflictsAndNonEmptyTargets() throws Exception {
        FileHandle d = dir(root, "d");
        FileHandle full = dir(root, "full");
        file(full, "x");
        FileHandle f = file(root, "f");
        FileAttributes before = attrs(root);
        assertNfsError(NfsStatus.ISDIR, () -> fs.rename(root, name("f"), root, name("d")));
        assertNfsError(NfsStatus.NOTDIR, () -> fs.rename(root, name("d"), root, name("f")));
        assertNfsError(NfsStatus.NOTEMPTY, () -> fs.rename(root, name("d"), root, name("full")));
        assertEquals(before, attrs(root), "a refused rename changes nothing");
        assertEquals(Set.of("d", "f", "full"), names(root));
        assertEquals(d, lookup(root, "d"));
        assertEquals(f, lookup(root, "f"));
        assertEquals(Set.of("x"), names(full));
    }

    @Test
    void renameOntoItselfChangesNothing() throws Exception {
        FileHandle f = file(root, "f");
        FileHandle d = dir(root, "d");
        FileAttributes dirBefore = attrs(root);
        FileAttributes fileBefore = attrs(f);
        fs.rename(root, name("f"), root, name("f"));
        fs.rename(root, name("d"), root, name("d"));
        assertEquals(dirBefore, attrs(root));
        assertEquals(fileBefore, attrs(f));
        assertEquals(f, lookup(root, "f"));
        assertEquals(d, lookup(root, "d"));
    }

    @Test
    void renameOntoAnotherLinkOfTheSameFileChangesNothing() throws Exception {
        FileHandle f = file(root, "f");
        FileHandle sub = dir(root, "sub");
        fs.link(f, root, name("g"));
        fs.link(f, sub, name("h"));
        FileAttributes dirBefore = attrs(root);
        FileAttributes fileBefore = attrs(f);
        fs.rename(root, name("f"), root, name("g"));
        fs.rename(root, name("f"), sub, name("h"));
        assertEquals(Set.of("f", "g", "sub"), names(root), "both names stay (POSIX rename of hard links)");
        assertEquals(Set.of("h"), names(sub));
        assertEquals(3, attrs(f).nlink());
        assertEquals(dirBefore, attrs(root));
        assertEquals(fileBefore, attrs(f));
    }

    @Test
    void renameAcrossDirectoriesMovesFilesAndDirectories() throws Exception {
        FileHandle from = dir(root, "from");
        FileHandle to = dir(root, "to");
        FileHandle f = file(from, "f");
        FileHandle d = dir(from, "d");
        file(d, "deep");
        FileAttributes fromBefore = attrs(from);
        FileAttributes toBefore = attrs(to);
        RenameResult r = fs.rename(from, name("f"), to, name("g"));
        assertWcc(r.fromDirectory(), fromBefore, from);
        assertWcc(r.toDirectory(), toBefore, to);
        assertModified(fromBefore, attrs(from), "source directory");
        assertModified(toBefore, attrs(to), "target directory");
        assertEquals(1, attrs(f).nlink());

        fs.rename(from, name("d"), to, name("d"));
        assertEquals(2, attrs(from).nlink(), "the source lost its subdirectory");
        assertEquals(3, attrs(to).nlink(), "the target gained one");
        assertEquals(to, fs.lookup(d, FileName.DOT_DOT).handle(), "'..' follows the moved directory");
        assertEquals(Set.of(), names(from));
        assertEquals(Set.of("d", "g"), names(to));
        assertEquals(Set.of("deep"), names(d));
        assertEquals(4, attrs(root).nlink(), "root: 2 + from + to");
    }

    @Test
    void renameOfADirectoryIntoItsOwnSubtreeIsInval() throws Exception {
        FileHandle a = dir(root, "a");
        FileHandle b = dir(a, "b");
        FileHandle c = dir(b, "c");
        assertNfsError(NfsStatus.INVAL, () -> fs.rename(root, name("a"), a, name("x")));
        assertNfsError(NfsStatus.INVAL, () -> fs.rename(root, name("a"), b, name("x")));
        assertNfsError(NfsStatus.INVAL, () -> fs.rename(root, name("a"), c, name("x")));
        assertNfsError(NfsStatus.INVAL, () -> fs.rename(a, name("b"), c, name("x")));
        assertEquals(a, lookup(root, "a"));
        assertEquals(Set.of("b"), names(a));
        assertEquals(Set.of("c"), names(b));
        assertEquals(Set.of(), names(c));
        assertEquals(b, fs.lookup(c, FileName.DOT_DOT).handle());
    }

    @Test
    void renameOfADirectoryOverItsOwnAncestorIsNotEmpty() throws Exception {
        FileHandle a = dir(root, "a");
        FileHandle b = dir(a, "b");
        dir(b, "c");
        assertNfsError(NfsStatus.NOTEMPTY, () -> fs.rename(b, name("c"), root, name("a")));
        assertEquals(a, lookup(root, "a"));
        assertEquals(Set.of("c"), names(b));
    }

    @Test
    void renameIntoOrOutOfANonDirectoryIsNotdir() throws Exception {
        FileHandle f = file(root, "f");
        file(root, "g");
        assertNfsError(NfsStatus.NOTDIR, () -> fs.rename(root, name("g"), f, name("x")));
        assertNfsError(NfsStatus.NOTDIR, () -> fs.rename(f, name("x"), root, name("y")));
        assertEquals(Set.of("f", "g"), names(root));
    }

    @Test
    void linkAddsANameAndRaisesNlink() throws Exception {
        FileHandle d = dir(root, "d");
        FileHandle f = file(root, "f");
        write(f, 0, pattern(4, 300));
        FileAttributes fileBefore = attrs(f);
        FileAttributes dirBefore = attrs(d);
        LinkResult r = fs.link(f, d, name("g"));
        assertEquals(2, r.file().nlink());
        assertEquals(attrs(f), r.file());
        assertWcc(r.directory(), dirBefore, d);
        assertChangedOnly(fileBefore, attrs(f), "linked file");
        assertModified(dirBefore, attrs(d), "directory gaining a link");
        assertEquals(f, lookup(d, "g"), "both names give the same handle");
        assertArrayEquals(pattern(4, 300), readAll(lookup(d, "g")));
    }

    @Test
    void removingOneLinkKeepsTheFileUntilTheLastGoes() throws Exception {
        FileHandle f = file(root, "f");
        write(f, 0, pattern(5, 100));
        fs.link(f, root, name("g"));
        fs.link(f, root, name("h"));
        assertEquals(3, attrs(f).nlink());
        FileAttributes before = attrs(f);
        fs.remove(root, name("f"));
        assertEquals(2, attrs(f).nlink());
        assertChangedOnly(before, attrs(f), "file losing a link");
        fs.remove(root, name("g"));
        assertEquals(1, attrs(f).nlink());
        assertArrayEquals(pattern(5, 100), readAll(f));
        fs.remove(root, name("h"));
        assertNfsError(NfsStatus.STALE, () -> fs.getattr(f));
    }

    @Test
    void linkErrors() throws Exception {
        FileHandle f = file(root, "f");
        FileHandle d = dir(root, "d");
        file(root, "taken");
        assertNfsError(NfsStatus.EXIST, () -> fs.link(f, root, name("taken")));
        assertNfsError(NfsStatus.EXIST, () -> fs.link(f, root, name("f")));
        assertNfsError(NfsStatus.ISDIR, () -> fs.link(d, root, name("d2")));
        assertNfsError(NfsStatus.NOTDIR, () -> fs.link(f, f, name("x")));
        assertEquals(1, attrs(f).nlink());
        assertEquals(Set.of("d", "f", "taken"), names(root));
    }

    @Test
    void linkOfASymlinkLinksTheSymlinkItself() throws Exception {
        FileHandle l = symlink(root, "l", "nowhere");
        fs.link(l, root, name("l2"));
        assertEquals(l, lookup(root, "l2"));
        assertEquals(2, attrs(l).nlink());
        assertArrayEquals("nowhere".getBytes(), fs.readlink(lookup(root, "l2")));
    }

    @Test
    protected void linkBeyondTheLinkLimitIsMlink() throws Exception {
        int max = fs.pathconf(root).linkMax();
        Assumptions.assumeTrue(max <= 65_535,
                "link limit " + max + " is too high to reach in a test");
        FileHandle f = file(root, "f");
        FileHandle d = dir(root, "links");
        for (int i = 1; i < max; i++) {
            fs.link(f, d, name("l" + i));
        }
        assertEquals(max, attrs(f).nlink());
        assertNfsError(NfsStatus.MLINK, () -> fs.link(f, d, name("one-too-many")));
        assertEquals(max, attrs(f).nlink());
    }
}
