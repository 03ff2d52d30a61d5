package org.pmnfs.server.nfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pmnfs.server.ServerConfig;
import org.pmnfs.server.nfs.xdr.COMMIT3res;
import org.pmnfs.server.nfs.xdr.READ3args;
import org.pmnfs.server.nfs.xdr.READ3res;
import org.pmnfs.server.nfs.xdr.WRITE3args;
import org.pmnfs.server.nfs.xdr.WRITE3res;
import org.pmnfs.server.testing.NfsTestClient;
import org.pmnfs.server.testing.RpcReply;
import org.pmnfs.server.testing.RpcTestClient;
import org.pmnfs.server.testing.TestServer;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.StableHow;

/** READ, WRITE and COMMIT over loopback TCP: data, eof, wcc, stability, verifier, limits. */
class NfsReadWriteTest {

    private static final int MIB = 1 << 20;

    private TestServer server;
    private NfsTestClient client;
    private byte[] root;

    @BeforeEach
    void start() throws IOException {
        server = TestServer.start();
        client = server.client();
        root = client.mount("/");
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.close();
    }

    @Test
    void oneMebibyteRoundTrip() throws IOException {
        byte[] file = client.createFile(root, "big");
        byte[] data = random(MIB, 7);
        WRITE3res w = client.write(file, 0, data, StableHow.FILE_SYNC);
        assertEquals(NfsStatus.OK, w.status);
        assertEquals(MIB, w.count);
        assertEquals(StableHow.FILE_SYNC, w.committed);
        assertNotNull(w.file_wcc.before(), "wcc before");
        assertEquals(0, w.file_wcc.before().size());
        assertEquals(MIB, w.file_wcc.after().size());

        READ3res r = client.read(file, 0, MIB);
        assertEquals(NfsStatus.OK, r.status);
        assertEquals(MIB, r.count);
        assertTrue(r.eof, "offset + count == size");
        assertArrayEquals(data, r.data);
        assertEquals(MIB, r.file_attributes.size());
    }

    @Test
    void eofIsSetWhenOffsetPlusCountReachesTheSize() throws IOException {
        byte[] file = client.createFile(root, "f");
        client.write(file, 0, random(100, 1), StableHow.UNSTABLE);
        READ3res head = client.read(file, 0, 50);
        assertEquals(50, head.count);
        assertFalse(head.eof);
        READ3res exact = client.read(file, 50, 50);
        assertEquals(50, exact.count);
        assertTrue(exact.eof);
        READ3res past = client.read(file, 60, 1000);
        assertEquals(40, past.count);
        assertTrue(past.eof);
        READ3res beyond = client.read(file, 5000, 10);
        assertEquals(0, beyond.count);
        assertTrue(beyond.eof, "a zero-byte read past the end must say eof");
        READ3res empty = client.read(file, 0, 0);
        assertEquals(0, empty.count);
        assertFalse(empty.eof, "count 0 at offset 0 of a 100-byte file does not reach the end");
        READ3res hugeOffset = client.read(file, Long.MIN_VALUE, 10);
        assertEquals(NfsStatus.OK, hugeOffset.status);
        assertEquals(0, hugeOffset.count);
        assertTrue(hugeOffset.eof);
    }

    @Test
    void oddSizesArePaddedAndSparseRegionsReadAsZeros() throws IOException {
        byte[] file = client.createFile(root, "odd");
        byte[] three = {9, 8, 7};
        client.write(file, 10, three, StableHow.UNSTABLE);
        READ3res r = client.read(file, 0, 13);
        byte[] expected = new byte[13];
        System.arraycopy(three, 0, expected, 10, 3);
        assertArrayEquals(expected, r.data);
        assertEquals(READ3res.DATA_OFFSET + 16, client.lastBodyBytes(), "13 data bytes padded to 16");
    }

    @Test
    void readsAreCappedAtTheTransferSize() throws IOException {
        byte[] file = client.createFile(root, "capped");
        client.write(file, 0, random(MIB, 2), StableHow.UNSTABLE);
        client.write(file, MIB, random(100, 3), StableHow.UNSTABLE);
        READ3res r = client.read(file, 0, 4 * MIB);
        assertEquals(ServerConfig.TRANSFER_SIZE, r.count);
        assertFalse(r.eof, "more data follows");
    }

    @Test
    void unstableWritesAreCommittedWithTheSameVerifier() throws IOException {
        byte[] file = client.createFile(root, "u");
        WRITE3res w1 = client.write(file, 0, random(4096, 4), StableHow.UNSTABLE);
        WRITE3res w2 = client.write(file, 4096, random(4096, 5), StableHow.UNSTABLE);
        assertEquals(w1.verf, w2.verf);
        COMMIT3res c = client.commit(file, 0, 0);
        assertEquals(NfsStatus.OK, c.status);
        assertEquals(w1.verf, c.verf, "the verifier only changes on restart");
        assertEquals(8192, c.file_wcc.after().size());
    }

    @Test
    void verifierDiffersBetweenServerStarts() throws IOException {
        byte[] file = client.createFile(root, "v");
        long first = client.write(file, 0, new byte[1], StableHow.UNSTABLE).verf;
        try (TestServer other = TestServer.start(); NfsTestClient c2 = other.client()) {
            byte[] r2 = c2.mount("/");
            byte[] f2 = c2.createFile(r2, "v");
            assertTrue(first != c2.write(f2, 0, new byte[1], StableHow.UNSTABLE).verf);
        }
    }

    @Test
    void readAndWriteOfADirectoryAreIsdirWithAttributes() throws IOException {
        READ3res r = client.read(root, 0, 10);
        assertEquals(NfsStatus.ISDIR, r.status);
        assertNotNull(r.file_attributes, "failed READ still carries post-op attributes");
        WRITE3res w = client.write(root, 0, new byte[4], StableHow.FILE_SYNC);
        assertEquals(NfsStatus.ISDIR, w.status);
        assertNotNull(w.file_wcc.after(), "failed WRITE still carries wcc_data");
        assertEquals(NfsStatus.FBIG, client.write(client.createFile(root, "x"), Long.MIN_VALUE, new byte[1], StableHow.UNSTABLE).status);
    }

    @Test
    void writeWhoseCountDisagreesWithItsDataIsGarbage() throws IOException {
        byte[] file = client.createFile(root, "g");
        WRITE3args args = new WRITE3args(file, 0, StableHow.UNSTABLE, ByteBuffer.wrap(new byte[8]));
        args.count = 9;
        RpcReply reply = client.rpc().call(NfsTestClient.NFS, 3, 7, args);
        assertEquals(RpcReply.GARBAGE_ARGS, reply.acceptStat());
        assertEquals(0, client.getattr(file).obj_attributes.size(), "nothing was written");
    }

    @Test
    void pipelinedWritesAndReadsOnOneConnectionAreMatchedByXid() throws IOException {
        byte[] file = client.createFile(root, "p");
        int n = 32;
        int chunk = 65536;
        byte[] data = random(n * chunk, 9);
        RpcTestClient rpc = client.rpc();
        Map<Integer, Integer> pending = new HashMap<>();
        for (int i = 0; i < n; i++) {
            pending.put(rpc.send(NfsTestClient.NFS, 3, 7,
                    new WRITE3args(file, (long) i * chunk, StableHow.UNSTABLE, ByteBuffer.wrap(data, i * chunk, chunk))), i);
        }
        for (int i = 0; i < n; i++) {
            RpcReply r = rpc.receive();
            assertNotNull(pending.remove(r.xid()), "a reply to a call that was sent, once");
            assertEquals(NfsStatus.OK, decode(r, new WRITE3res()).status);
        }
        for (int i = 0; i < n; i++) {
            pending.put(rpc.send(NfsTestClient.NFS, 3, 6, new READ3args(file, (long) i * chunk, chunk)), i);
        }
        byte[] back = new byte[data.length];
        for (int i = 0; i < n; i++) {
            RpcReply r = rpc.receive();
            Integer index = pending.remove(r.xid());
            assertNotNull(index);
            READ3res read = decode(r, new READ3res());
            assertEquals(chunk, read.count);
            System.arraycopy(read.data, 0, back, index * chunk, chunk);
        }
        assertArrayEquals(data, back);
    }

    private static <T extends XdrAble> T decode(RpcReply r, T into) throws IOException {
        assertTrue(r.isSuccess(), r.describe());
        into.xdrDecode(r.body());
        return into;
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
