package org.pmnfs.vfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Validation, copying and comparison of {@link FileName}. */
class FileNameTest {

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 'n');
        return b;
    }

    @Test
    void acceptsOneTo255BytesOfAnythingButSlashAndNul() throws Exception {
        assertEquals(1, FileName.of("x").length());
        assertEquals(255, FileName.of(bytes(255)).length());
        byte[] odd = {(byte) 0xff, ' ', '\t', '.', '\\', (byte) 0x80};
        assertArrayEquals(odd, FileName.of(odd).bytes());
    }

    @Test
    void emptyNullSlashAndNulAreInvalAndNameThePosition() {
        NfsException empty = assertThrows(InvalException.class, () -> FileName.of(new byte[0]));
        assertTrue(empty.getMessage().contains("empty"));
        assertThrows(InvalException.class, () -> FileName.of((byte[]) null));
        NfsException slash = assertThrows(InvalException.class, () -> FileName.of("ab/c"));
        assertTrue(slash.getMessage().contains("byte 2"), slash.getMessage());
        NfsException nul = assertThrows(InvalException.class, () -> FileName.of(new byte[] {'a', 0}));
        assertTrue(nul.getMessage().contains("NUL at byte 1"), nul.getMessage());
    }

    @Test
    void longerThan255BytesIsNameTooLongWithTheLengthAndLimit() {
        NfsException e = assertThrows(NameTooLongException.class, () -> FileName.of(bytes(256)));
        assertEquals(NfsStatus.NAMETOOLONG, e.status());
        assertTrue(e.getMessage().contains("256") && e.getMessage().contains("255"), e.getMessage());
    }

    @Test
    void theLimitCountsUtf8BytesNotCharacters() throws Exception {
        String e128 = "\u00e9".repeat(128); // 2 bytes each
        assertThrows(NameTooLongException.class, () -> FileName.of(e128));
        assertEquals(254, FileName.of("\u00e9".repeat(127)).length());
    }

    @Test
    void constructorRefusesWhatOfRefusesWithIllegalArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FileName(new byte[] {'/'}));
        assertTrue(e.getMessage().startsWith("file name:"));
        assertThrows(IllegalArgumentException.class, () -> new FileName(bytes(300)));
    }

    @Test
    void bytesAreCopiedInAndOut() throws Exception {
        byte[] in = {'a', 'b'};
        FileName n = FileName.of(in);
        in[0] = 'z';
        assertEquals("ab", n.toString());
        n.bytes()[1] = 'z';
        assertEquals("ab", n.toString());
        byte[] dst = new byte[4];
        n.copyTo(dst, 1);
        assertArrayEquals(new byte[] {0, 'a', 'b', 0}, dst);
        assertEquals('b', n.byteAt(1));
    }

    @Test
    void equalityIsByteForByte() throws Exception {
        assertEquals(FileName.of("abc"), FileName.of("abc".getBytes(StandardCharsets.UTF_8)));
        assertEquals(FileName.of("abc").hashCode(), FileName.of("abc").hashCode());
        assertNotEquals(FileName.of("abc"), FileName.of("ABC"));
        assertNotEquals(FileName.of("\u00e9"), FileName.of("e\u0301"));
        assertNotEquals(FileName.of("a"), "a");
    }

    @Test
    void dotAndDotDot() throws Exception {
        assertTrue(FileName.DOT.isDot());
        assertTrue(FileName.DOT_DOT.isDotDot());
        assertEquals(FileName.DOT, FileName.of("."));
        assertTrue(FileName.of("..").isDotOrDotDot());
        assertFalse(FileName.of("...").isDotOrDotDot());
        assertFalse(FileName.of(".a").isDot());
    }

    @Test
    void dotNamesCannotBeCreatedRemovedOrRenamed() throws Exception {
        assertInstanceOf(ExistException.class, assertThrows(NfsException.class, FileName.DOT::requireCreatable));
        assertInstanceOf(ExistException.class, assertThrows(NfsException.class, FileName.DOT_DOT::requireCreatable));
        assertInstanceOf(InvalException.class, assertThrows(NfsException.class, FileName.DOT::requireRemovable));
        assertInstanceOf(InvalException.class, assertThrows(NfsException.class, FileName.DOT_DOT::requireRemovable));
        FileName.of("...").requireCreatable();
        FileName.of("...").requireRemovable();
    }

    @Test
    void toStringShowsMalformedUtf8AsReplacementCharacters() throws Exception {
        assertEquals("a\uFFFDb", FileName.of(new byte[] {'a', (byte) 0xff, 'b'}).toString());
    }
}
