package org.pmnfs.server.nfs.xdr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.function.Consumer;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.junit.jupiter.api.Test;
import org.pmnfs.server.rpc.GarbageArgsException;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileType;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.TimeUpdate;
import org.pmnfs.vfs.WccAttr;
import org.pmnfs.vfs.WccData;

/** The basic RFC 1813 types encode to their documented sizes and decode back to the same values. */
class XdrRoundTripTest {

    private static final FileAttributes ATTRS = new FileAttributes(FileType.REGULAR, 04755, 3, 1000, -2, 1L << 40, 1L << 41,
            0, 0, 0xfeedL, 77, 1_700_000_000_123_456_789L, 5, 1_000_000_001L);

    @Test
    void fattr3IsEightyFourBytesAndRoundTrips() throws IOException {
        Xdr x = encode(xdr -> fattr3.encode(xdr, ATTRS));
        assertEquals(fattr3.BYTES, x.asBuffer().remaining());
        assertEquals(ATTRS, fattr3.decode(x));
    }

    @Test
    void wccDataAndPostOpAttrRoundTripIncludingAbsence() throws IOException {
        WccData full = WccData.of(ATTRS, ATTRS);
        Xdr x = encode(xdr -> wcc_data.encode(xdr, full));
        assertEquals(wcc_data.MAX_BYTES, x.asBuffer().remaining());
        assertEquals(full, wcc_data.decode(x));
        Xdr none = encode(xdr -> wcc_data.encode(xdr, null));
        assertEquals(8, none.asBuffer().remaining());
        WccData back = wcc_data.decode(none);
        assertNull(back.before());
        assertNull(back.after());
        assertEquals(new WccAttr(1L << 40, 5, 1_000_000_001L), ATTRS.toWccAttr());
    }

    @Test
    void sattr3RoundTripsAndMasksTypeBits() throws IOException {
        SetAttributes s = new SetAttributes(0640, 5, null, 99L, TimeUpdate.SERVER_TIME, TimeUpdate.clientTime(1_500_000_000_000_000_007L));
        assertEquals(s, sattr3.decode(encode(xdr -> sattr3.encode(xdr, s))));
        Xdr typeBits = encode(xdr -> {
            xdr.xdrEncodeBoolean(true);
            xdr.xdrEncodeInt(0100644); // S_IFREG | 0644, as some clients send
            for (int i = 0; i < 3; i++) {
                xdr.xdrEncodeBoolean(false);
            }
            xdr.xdrEncodeInt(0);
            xdr.xdrEncodeInt(0);
        });
        assertEquals(0644, sattr3.decode(typeBits).mode());
    }

    @Test
    void nfstime3RejectsNanosecondsOfASecondOrMore() {
        Xdr x = encode(xdr -> {
            xdr.xdrEncodeInt(1);
            xdr.xdrEncodeInt(1_000_000_000);
        });
        assertThrows(GarbageArgsException.class, () -> nfstime3.decode(x));
    }

    @Test
    void nfsFh3LongerThanSixtyFourBytesIsGarbage() {
        Xdr x = encode(xdr -> xdr.xdrEncodeDynamicOpaque(new byte[65]));
        assertThrows(GarbageArgsException.class, () -> nfs_fh3.decode(x));
    }

    private static Xdr encode(Consumer<XdrEncodingStream> writer) {
        Xdr x = new Xdr(512);
        x.beginEncoding();
        writer.accept(x);
        x.endEncoding();
        Xdr back = new Xdr(x.getBytes());
        back.beginDecoding();
        return back;
    }
}
