package org.pmnfs.server.nfs.xdr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.BuffersBuffer;
import org.glassfish.grizzly.memory.HeapMemoryManager;
import org.glassfish.grizzly.memory.MemoryManager;
import org.junit.jupiter.api.Test;
import org.pmnfs.server.rpc.GarbageArgsException;
import org.pmnfs.vfs.StableHow;

/** WRITE3args decoding hands out views of the record's buffers, also across a composite record. */
class WRITE3argsTest {

    private static final MemoryManager MM = new HeapMemoryManager();

    @Test
    void dataOfASimpleBufferIsOneViewWithoutACopy() throws IOException {
        byte[] data = {1, 2, 3, 4, 5};
        byte[] wire = encode(data, 5);
        Buffer buffer = Buffers.wrap(MM, wire);
        WRITE3args args = decode(buffer);
        assertEquals(1, args.data.length);
        assertEquals(5, args.data[0].remaining());
        assertEquals(5, args.dataLength());
        assertTrue(args.data[0].hasArray());
        assertSame(wire, args.data[0].array(), "a view of the record's array, not a copy");
        assertEquals(StableHow.DATA_SYNC, args.stable);
        assertEquals(0, buffer.remaining(), "the padding was consumed too");
    }

    @Test
    void dataSpanningSeveralBuffersBecomesOneViewPerBuffer() throws IOException {
        byte[] data = new byte[1000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        byte[] wire = encode(data, data.length);
        // Split the record in three pieces, as reads of a TCP stream would deliver it.
        byte[] a = Arrays.copyOfRange(wire, 0, 300);
        byte[] b = Arrays.copyOfRange(wire, 300, 700);
        byte[] c = Arrays.copyOfRange(wire, 700, wire.length);
        BuffersBuffer composite = BuffersBuffer.create(MM, Buffers.wrap(MM, a), Buffers.wrap(MM, b), Buffers.wrap(MM, c));
        WRITE3args args = decode(composite);
        assertEquals(3, args.data.length);
        assertSame(b, args.data[1].array(), "no gathering copy");
        ByteBuffer joined = ByteBuffer.allocate(args.dataLength());
        for (ByteBuffer v : args.data) {
            joined.put(v.duplicate());
        }
        assertArrayEquals(data, joined.array());
    }

    @Test
    void countMustMatchTheDataLength() {
        byte[] wire = encode(new byte[8], 9);
        assertThrows(GarbageArgsException.class, () -> decode(Buffers.wrap(MM, wire)));
        byte[] overlong = encode(new byte[8], 8);
        byte[] cut = Arrays.copyOf(overlong, overlong.length - 8);
        assertThrows(GarbageArgsException.class, () -> decode(Buffers.wrap(MM, cut)), "length past the end of the record");
    }

    private static WRITE3args decode(Buffer buffer) throws IOException {
        Xdr xdr = new Xdr(buffer, MM);
        xdr.beginDecoding();
        WRITE3args args = new WRITE3args();
        args.xdrDecode(xdr);
        return args;
    }

    private static byte[] encode(byte[] data, int count) {
        Xdr x = new Xdr(64 + data.length);
        x.beginEncoding();
        nfs_fh3.encode(x, new byte[] {9, 9, 9, 9, 9});
        x.xdrEncodeLong(4096);
        x.xdrEncodeInt(count);
        x.xdrEncodeInt(StableHow.DATA_SYNC.code());
        x.xdrEncodeDynamicOpaque(data);
        x.endEncoding();
        return x.getBytes();
    }
}
