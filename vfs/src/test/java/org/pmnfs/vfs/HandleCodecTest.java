package org.pmnfs.vfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The byte layout and the BADHANDLE/STALE decisions of {@link HandleCodec}. */
class HandleCodecTest {

    private final HandleCodec codec = new HandleCodec(HandleCodec.KIND_PMEM, 0x0102_0304_0506_0708L);

    @Test
    void encodesTheDocumentedBigEndianLayout() {
        FileHandle h = codec.encode(0x1122_3344_5566_7788L, 0x99AA_BBCC_DDEE_FF00L);
        assertEquals(HandleCodec.LENGTH, h.length());
        byte[] expected = {
            'p', 'h', 1, HandleCodec.KIND_PMEM,
            1, 2, 3, 4, 5, 6, 7, 8,
            0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, (byte) 0x88,
            (byte) 0x99, (byte) 0xAA, (byte) 0xBB, (byte) 0xCC, (byte) 0xDD, (byte) 0xEE, (byte) 0xFF, 0,
        };
        assertArrayEquals(expected, h.bytes());
    }

    @Test
    void roundTripsEveryInodeAndGenerationIncludingUnsignedExtremes() throws Exception {
        long[] values = {1, 2, 0x7FFF_FFFF_FFFF_FFFFL, -1L, Long.MIN_VALUE};
        for (long ino : values) {
            for (long gen : new long[] {0, 1, -1L}) {
                HandleCodec.InodeRef ref = codec.decode(codec.encode(ino, gen));
                assertEquals(new HandleCodec.InodeRef(ino, gen), ref);
            }
        }
    }

    @Test
    void wrongLengthMagicOrVersionIsBadHandle() {
        byte[] good = codec.encode(5, 1).bytes();
        assertThrows(BadHandleException.class, () -> codec.decode(new FileHandle(Arrays.copyOf(good, 27))));
        assertThrows(BadHandleException.class, () -> codec.decode(new FileHandle(Arrays.copyOf(good, 29))));
        byte[] magic = good.clone();
        magic[1] = 'x';
        assertThrows(BadHandleException.class, () -> codec.decode(new FileHandle(magic)));
        byte[] version = good.clone();
        version[2] = 2;
        NfsException e = assertThrows(BadHandleException.class, () -> codec.decode(new FileHandle(version)));
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    }

    @Test
    void inodeZeroIsBadHandleAndCannotBeEncoded() {
        byte[] zero = codec.encode(5, 1).bytes();
        Arrays.fill(zero, 12, 20, (byte) 0);
        assertThrows(BadHandleException.class, () -> codec.decode(new FileHandle(zero)));
        assertThrows(IllegalArgumentException.class, () -> codec.encode(0, 1));
    }

    @Test
    void aHandleOfAnotherKindOrFileSystemIsStale() {
        FileHandle otherFs = new HandleCodec(HandleCodec.KIND_PMEM, 99).encode(5, 1);
        FileHandle otherKind = new HandleCodec(HandleCodec.KIND_KV, codec.fsid()).encode(5, 1);
        assertThrows(StaleException.class, () -> codec.decode(otherFs));
        assertThrows(StaleException.class, () -> codec.decode(otherKind));
    }

    @Test
    void unknownKindsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new HandleCodec((byte) 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new HandleCodec((byte) 4, 1));
    }

    @Test
    void handlesFitNfs3Fhsize() {
        assertTrue(HandleCodec.LENGTH <= FileHandle.MAX_BYTES);
    }
}
