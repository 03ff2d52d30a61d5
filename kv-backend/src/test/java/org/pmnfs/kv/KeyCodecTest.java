package org.pmnfs.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.pmnfs.vfs.FileName;

class KeyCodecTest {

    private static int cmp(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    @Test
    void inodeKeysSortByInodeNumberAsUnsigned() {
        long[] inos = {1, 2, 255, 256, 65_536, 1L << 40, Long.MAX_VALUE, -1L};
        for (int i = 1; i < inos.length; i++) {
            assertTrue(cmp(KeyCodec.inode(inos[i - 1]), KeyCodec.inode(inos[i])) < 0, "ino " + inos[i - 1] + " < " + inos[i]);
        }
        assertArrayEquals(new byte[] {'I', 0, 0, 0, 0, 0, 0, 1, 0}, KeyCodec.inode(256));
        assertEquals(1L << 40, KeyCodec.id(KeyCodec.inode(1L << 40)));
    }

    @Test
    void chunkKeysOfOneInodeSortByIndexAndStayInsideItsRange() {
        long ino = 300;
        byte[] first = KeyCodec.chunk(ino, 0);
        byte[] end = KeyCodec.chunksEnd(ino);
        long prevIdx = -1;
        for (long idx : new long[] {0, 1, 255, 256, 1L << 33, (1L << 50) / 4096}) {
            byte[] k = KeyCodec.chunk(ino, idx);
            assertTrue(cmp(first, k) <= 0 && cmp(k, end) < 0, "chunk " + idx + " inside [first, end)");
            assertEquals(ino, KeyCodec.id(k));
            assertEquals(idx, KeyCodec.secondId(k));
            if (prevIdx >= 0) {
                assertTrue(cmp(KeyCodec.chunk(ino, prevIdx), k) < 0);
            }
            prevIdx = idx;
        }
        assertTrue(cmp(KeyCodec.chunk(ino + 1, 0), end) >= 0, "the next inode's chunks lie past the end key");
        assertTrue(cmp(KeyCodec.chunk(ino - 1, Long.MAX_VALUE), first) < 0, "the previous inode's chunks lie before");
    }

    @Test
    void rangeEndOfTheLargestIdMovesToTheNextPrefix() {
        byte[] end = KeyCodec.chunksEnd(-1L);
        assertArrayEquals(new byte[] {'C' + 1}, end);
        assertTrue(cmp(KeyCodec.chunk(-1L, -1L), end) < 0);
    }

    @Test
    void directoryEntriesOfOneDirectoryShareAPrefixAndDecodeTheirName() throws Exception {
        FileName name = FileName.of("héllo.txt");
        byte[] k = KeyCodec.dirent(42, name);
        assertEquals(KeyCodec.DIRENT, KeyCodec.kind(k));
        assertEquals(42, KeyCodec.id(k));
        assertEquals(name, KeyCodec.direntName(k));
        assertTrue(cmp(KeyCodec.direntsStart(42), k) < 0 && cmp(k, KeyCodec.direntsEnd(42)) < 0);
        assertTrue(cmp(KeyCodec.dirent(43, FileName.of("a")), KeyCodec.direntsEnd(42)) >= 0);
        byte[] longest = KeyCodec.dirent(42, new FileName("x".repeat(255).getBytes()));
        assertTrue(cmp(longest, KeyCodec.direntsEnd(42)) < 0, "a 255-byte name stays inside its directory's range");
    }

    @Test
    void cookieKeysSortByCookieWithinTheDirectory() {
        assertTrue(cmp(KeyCodec.cookie(7, 3), KeyCodec.cookie(7, 4)) < 0);
        assertTrue(cmp(KeyCodec.cookie(7, 300), KeyCodec.cookie(7, 1L << 20)) < 0);
        assertTrue(cmp(KeyCodec.cookie(7, -1L), KeyCodec.cookiesEnd(7)) < 0);
        assertEquals(99, KeyCodec.secondId(KeyCodec.cookie(7, 99)));
    }

    @Test
    void kindsDoNotOverlap() {
        byte[][] samples = {KeyCodec.format(), KeyCodec.counter("next-ino"), KeyCodec.inode(5), KeyCodec.chunk(5, 0),
                KeyCodec.symlink(5), KeyCodec.cookie(5, 3)};
        for (byte[] s : samples) {
            byte kind = KeyCodec.kind(s);
            assertTrue(cmp(KeyCodec.kindStart(kind), s) <= 0 && cmp(s, KeyCodec.kindEnd(kind)) < 0);
            for (byte[] o : samples) {
                if (KeyCodec.kind(o) != kind) {
                    assertTrue(cmp(o, KeyCodec.kindStart(kind)) < 0 || cmp(o, KeyCodec.kindEnd(kind)) >= 0);
                }
            }
        }
    }

    @Test
    void shortKeysAreRefusedWithTheirKindAndLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyCodec.secondId(KeyCodec.inode(1)));
        assertTrue(e.getMessage().contains("'I'") && e.getMessage().contains("9 bytes"), e.getMessage());
    }

    @Test
    void recordsRoundTrip() throws Exception {
        InodeRecord r = InodeRecord.create(org.pmnfs.vfs.FileType.DIRECTORY, 0755, 1000, -2, 2, 123_456_789L, 77, 1, 3)
                .withVerifier(-5).withDevice(8, 1);
        assertEquals(r, InodeRecord.decode(9, r.encode()));
        DirentRecord d = new DirentRecord(FileName.of("f"), 12, org.pmnfs.vfs.FileType.SYMLINK, 40);
        assertEquals(d, DirentRecord.decodeByName(1, FileName.of("f"), d.encodeByName()));
        assertEquals(d, DirentRecord.decodeByCookie(1, 40, d.encodeByCookie()));
        FormatRecord f = new FormatRecord(1, 65536, 0x1234, 99);
        assertEquals(f, FormatRecord.decode(f.encode()));
        assertEquals(null, FormatRecord.decode(new byte[32]));
        byte[] damaged = r.encode();
        damaged[0] = 9;
        assertThrows(org.pmnfs.vfs.NfsIoException.class, () -> InodeRecord.decode(9, damaged));
    }
}
