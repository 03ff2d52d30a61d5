package org.pmnfs.vfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Contract, part 1: file names. Validation happens once in {@link FileName#of}; past it, a
 * backend compares names byte for byte and gives "." and ".." the meaning each operation's javadoc
 * defines (lookup: the directory and its parent; create: EXIST; remove and rename: INVAL).
 */
abstract class NamesContract extends ContractBase {

    private static byte[] repeat(char c, int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return b;
    }

    @Test
    void invalidNamesAreRefusedBeforeReachingTheBackend() {
        assertNfsError(NfsStatus.INVAL, () -> FileName.of(""));
        assertNfsError(NfsStatus.INVAL, () -> FileName.of("a/b"));
        assertNfsError(NfsStatus.INVAL, () -> FileName.of("/"));
        assertNfsError(NfsStatus.INVAL, () -> FileName.of(new byte[] {'a', 0, 'b'}));
        assertNfsError(NfsStatus.NAMETOOLONG, () -> FileName.of(repeat('x', FileName.MAX_BYTES + 1)));
    }

    @Test
    void nameOfExactly255BytesWorksEverywhere() throws Exception {
        FileName longest = FileName.of(repeat('a', FileName.MAX_BYTES));
        FileName other = FileName.of(repeat('b', FileName.MAX_BYTES));
        CreateResult c = fs.create(root, longest, CreateMode.GUARDED, FILE_ATTRS, 0);
        assertEquals(c.handle(), fs.lookup(root, longest).handle());
        assertEquals(Set.of(longest.toString()), names(root));
        fs.rename(root, longest, root, other);
        assertEquals(Set.of(other.toString()), names(root));
        fs.mkdir(root, longest, DIR_ATTRS);
        fs.rmdir(root, longest);
        fs.remove(root, other);
        assertEquals(Set.of(), names(root));
    }

    @Test
    void lookupOfDotIsTheDirectoryAndDotDotItsParent() throws Exception {
        FileHandle a = dir(root, "a");
        FileHandle b = dir(a, "b");
        assertEquals(b, fs.lookup(b, FileName.DOT).handle());
        assertEquals(a, fs.lookup(b, FileName.DOT_DOT).handle());
        assertEquals(root, fs.lookup(a, FileName.DOT_DOT).handle());
        assertEquals(fs.getattr(a), fs.lookup(b, FileName.DOT_DOT).attributes());
    }

    @Test
    void rootIsItsOwnParent() throws Exception {
        assertEquals(root, fs.lookup(root, FileName.DOT).handle());
        assertEquals(root, fs.lookup(root, FileName.DOT_DOT).handle());
        FileAttributes r = fs.getattr(root);
        assertEquals(FileType.DIRECTORY, r.type());
        assertEquals(2, r.nlink(), "an empty root has nlink 2");
    }

    @Test
    void creatingDotOrDotDotIsExist() throws Exception {
        FileHandle f = file(root, "f");
        for (FileName n : new FileName[] {FileName.DOT, FileName.DOT_DOT}) {
            for (CreateMode mode : CreateMode.values()) {
                assertNfsError(NfsStatus.EXIST, () -> fs.create(root, n, mode, FILE_ATTRS, 7));
            }
            assertNfsError(NfsStatus.EXIST, () -> fs.mkdir(root, n, DIR_ATTRS));
            assertNfsError(NfsStatus.EXIST, () -> fs.symlink(root, n, new byte[] {'t'}, LINK_ATTRS));
            assertNfsError(NfsStatus.EXIST, () -> fs.link(f, root, n));
        }
        assertEquals(Set.of("f"), names(root));
        assertEquals(1, attrs(f).nlink());
    }

    @Test
    void removingOrRenamingDotOrDotDotIsInval() throws Exception {
        FileHandle d = dir(root, "d");
        file(d, "f");
        FileAttributes before = attrs(d);
        for (FileName n : new FileName[] {FileName.DOT, FileName.DOT_DOT}) {
            assertNfsError(NfsStatus.INVAL, () -> fs.remove(d, n));
            assertNfsError(NfsStatus.INVAL, () -> fs.rmdir(d, n));
            assertNfsError(NfsStatus.INVAL, () -> fs.rename(d, n, root, name("x")));
            assertNfsError(NfsStatus.INVAL, () -> fs.rename(d, name("f"), d, n));
        }
        assertEquals(before, attrs(d));
        assertEquals(Set.of("f"), names(d));
        assertEquals(Set.of("d"), names(root));
    }

    @Test
    void namesAreComparedByteForByte() throws Exception {
        byte[] nfc = "\u00e9".getBytes(StandardCharsets.UTF_8);
        byte[] nfd = "e\u0301".getBytes(StandardCharsets.UTF_8);
        FileHandle a = fs.create(root, FileName.of(nfc), CreateMode.GUARDED, FILE_ATTRS, 0).handle();
        FileHandle b = fs.create(root, FileName.of(nfd), CreateMode.GUARDED, FILE_ATTRS, 0).handle();
        FileHandle upper = file(root, "Name");
        FileHandle lower = file(root, "name");
        assertEquals(4, Set.of(a, b, upper, lower).size(), "four distinct names give four distinct files");
        assertNfsError(NfsStatus.NOENT, () -> fs.lookup(root, name("NAME")));
    }

    @Test
    void nonUtf8BytesRoundTripExactly() throws Exception {
        byte[] raw = {(byte) 0xff, (byte) 0xfe, ' ', '\n', '\\', (byte) 0x80};
        FileName n = FileName.of(raw);
        FileHandle f = fs.create(root, n, CreateMode.GUARDED, FILE_ATTRS, 0).handle();
        assertEquals(f, fs.lookup(root, FileName.of(raw.clone())).handle());
        DirEntry listed = listAll(root, 100, false).stream()
                .filter(e -> !e.name().isDotOrDotDot()).findFirst().orElseThrow();
        assertArrayEquals(raw, listed.name().bytes());
    }

    @Test
    void lookupOfAMissingNameIsNoent() throws Exception {
        file(root, "present");
        assertNfsError(NfsStatus.NOENT, () -> fs.lookup(root, name("absent")));
        assertNfsError(NfsStatus.NOENT, () -> fs.lookup(root, name("presen")));
        assertNfsError(NfsStatus.NOENT, () -> fs.lookup(root, name("present2")));
    }

    @Test
    void lookupReturnsTheDirectoryAttributes() throws Exception {
        FileHandle d = dir(root, "d");
        FileHandle f = file(d, "f");
        LookupResult r = fs.lookup(d, name("f"));
        assertEquals(f, r.handle());
        assertEquals(attrs(f), r.attributes());
        if (r.directoryAttributes() != null) {
            assertEquals(attrs(d), r.directoryAttributes());
        }
        assertNotEquals(r.attributes().fileId(), attrs(d).fileId());
        assertTrue(r.attributes().fileId() != 0, "fileId 0 is not a valid inode number");
    }
}
