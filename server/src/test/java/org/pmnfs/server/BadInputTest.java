package org.pmnfs.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrVoid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pmnfs.server.nfs.xdr.GETATTR3args;
import org.pmnfs.server.rpc.AuthCredential;
import org.pmnfs.server.testing.LogCapture;
import org.pmnfs.server.testing.NfsTestClient;
import org.pmnfs.server.testing.RpcReply;
import org.pmnfs.server.testing.RpcTestClient;
import org.pmnfs.server.testing.TestServer;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.StableHow;

/**
 * Bad input over real TCP. One connection receives, in turn, every bad request that can be answered
 * (wrong program, version, procedure and RPC version, unsupported credentials, undecodable
 * arguments, a truncated call, unknown and malformed handles) and must get the right RPC or NFS
 * error for each while staying open; then garbage bytes, which cannot be answered, and the server
 * closes it. Oversized record marks, a record cut off by end of stream, and a record that is not a
 * call each close their own connection. Afterwards a second connection works normally.
 */
class BadInputTest {

    private static final int NFS = NfsTestClient.NFS;

    private TestServer server;
    private byte[] root;
    private byte[] stale;

    @BeforeEach
    void start() throws IOException {
        server = TestServer.start();
        try (NfsTestClient setup = server.client()) {
            root = setup.mount("/");
            stale = setup.createFile(root, "doomed");
            setup.remove(root, "doomed");
        }
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void badRequestsOnOneConnectionThenANormalOneOnAnother() throws IOException {
        try (LogCapture log = new LogCapture()) {
            sendEverythingBad();
            // Client mistakes: WARN, one line each, never a stack trace, never ERROR.
            assertTrue(log.at(Level.ERROR).isEmpty(), () -> "no ERROR for client mistakes: " + log.at(Level.ERROR));
            for (ILoggingEvent e : log.events()) {
                assertNull(e.getThrowableProxy(), () -> "a stack trace for a client mistake: " + e.getFormattedMessage());
            }
            // 17 bad requests that deserve a WARN; stale handles and version probes are everyday outcomes (DEBUG).
            assertEquals(17, log.at(Level.WARN).size(), () -> "one WARN line per bad request: " + log.at(Level.WARN));
        }
        // A second connection works normally.
        try (NfsTestClient fresh = server.client()) {
            byte[] fh = fresh.mount("/");
            byte[] file = fresh.createFile(fh, "after");
            assertEquals(NfsStatus.OK, fresh.write(file, 0, new byte[] {4, 2}, StableHow.FILE_SYNC).status);
            assertArrayEquals(new byte[] {4, 2}, fresh.read(file, 0, 2).data);
            assertFalse(fresh.rpc().closedByServerWithin(100), "the good connection stays open");
        }
    }

    private void sendEverythingBad() throws IOException {
        try (NfsTestClient nfs = server.client()) {
            RpcTestClient c = nfs.rpc();
            // Wrong program, version, procedure.
            assertEquals(RpcReply.PROG_UNAVAIL, c.call(100099, 1, 0, XdrVoid.XDR_VOID).acceptStat());
            for (int version : new int[] {2, 4}) {
                RpcReply r = c.call(NFS, version, 0, XdrVoid.XDR_VOID);
                assertEquals(RpcReply.PROG_MISMATCH, r.acceptStat(), "NFS version " + version);
                assertEquals(3, r.low());
                assertEquals(3, r.high());
            }
            assertEquals(RpcReply.PROC_UNAVAIL, c.call(NFS, 3, 22, XdrVoid.XDR_VOID).acceptStat());
            assertEquals(RpcReply.PROC_UNAVAIL, c.call(NFS, 3, -1, XdrVoid.XDR_VOID).acceptStat());

            // Wrong RPC version and an unsupported credential flavor.
            byte[] v3 = RpcTestClient.encodeCall(901, NFS, 3, 0, AuthCredential.NONE, null);
            ByteBuffer.wrap(v3).putInt(8, 3);
            c.sendRecord(v3);
            RpcReply mismatch = c.receive();
            assertEquals(901, mismatch.xid());
            assertEquals(RpcReply.RPC_MISMATCH, mismatch.rejectStat());
            byte[] gss = RpcTestClient.encodeCall(902, NFS, 3, 0, AuthCredential.NONE, null);
            ByteBuffer.wrap(gss).putInt(24, 6);
            c.sendRecord(gss);
            assertEquals(RpcReply.AUTH_BADCRED, c.receive().authStat());

            // Undecodable arguments.
            assertGarbage(c, 1, (Encoder) x -> x.xdrEncodeInt(0x7fffffff));                    // GETATTR: 2 GiB handle
            assertGarbage(c, 1, (Encoder) x -> x.xdrEncodeDynamicOpaque(new byte[65]));       // GETATTR: handle > 64 bytes
            assertGarbage(c, 3, (Encoder) x -> x.xdrEncodeDynamicOpaque(root));               // LOOKUP: name missing
            assertGarbage(c, 7, (Encoder) x -> {                                               // WRITE: stable_how 9
                x.xdrEncodeDynamicOpaque(root);
                x.xdrEncodeLong(0);
                x.xdrEncodeInt(1);
                x.xdrEncodeInt(9);
                x.xdrEncodeDynamicOpaque(new byte[1]);
            });
            assertGarbage(c, 8, (Encoder) x -> {                                               // CREATE: createmode 5
                x.xdrEncodeDynamicOpaque(root);
                x.xdrEncodeDynamicOpaque("f".getBytes());
                x.xdrEncodeInt(5);
            });
            assertGarbage(c, 2, (Encoder) x -> {                                               // SETATTR: time_how 7
                x.xdrEncodeDynamicOpaque(root);
                for (int i = 0; i < 4; i++) {
                    x.xdrEncodeBoolean(false);
                }
                x.xdrEncodeInt(7);
            });

            // A call whose header stops after the program number.
            c.sendRecord(Arrays.copyOf(RpcTestClient.encodeCall(903, NFS, 3, 1, AuthCredential.NONE, null), 16));
            RpcReply cut = c.receive();
            assertEquals(903, cut.xid());
            assertEquals(RpcReply.GARBAGE_ARGS, cut.acceptStat());

            // Unknown and malformed handles.
            assertEquals(NfsStatus.STALE, nfs.getattr(stale).status, "a removed file");
            byte[] unknownExport = root.clone();
            unknownExport[0] ^= 0x40;
            assertEquals(NfsStatus.STALE, nfs.getattr(unknownExport).status, "an export id nobody exports");
            assertEquals(NfsStatus.BADHANDLE, nfs.getattr(new byte[] {1, 2, 3}).status);
            byte[] mangled = root.clone();
            mangled[5] ^= 0x7f;
            assertEquals(NfsStatus.BADHANDLE, nfs.getattr(mangled).status);

            // Still the same connection, still working.
            assertEquals(NfsStatus.OK, nfs.getattr(root).status);

            // Garbage bytes: read as a record mark announcing ~1.2 GB, so the server hangs up.
            c.sendRaw("GET / HTTP/1.1\r\nHost: pmnfs\r\n\r\n".getBytes());
            assertTrue(c.closedByServer(), "garbage closes the connection");
        }

        // An oversized record mark alone.
        try (RpcTestClient c = new RpcTestClient(server.address())) {
            c.sendRaw(ByteBuffer.allocate(4).putInt(0x80000000 | (ServerConfig.MAX_RECORD_BYTES + 1)).array());
            assertTrue(c.closedByServer(), "a record one byte over the limit");
        }
        // A record cut short by the end of the stream.
        try (RpcTestClient c = new RpcTestClient(server.address())) {
            byte[] call = RpcTestClient.encodeCall(904, NFS, 3, 1, AuthCredential.NONE, new GETATTR3args(root));
            c.sendRaw(ByteBuffer.allocate(4 + 10).putInt(0x80000000 | call.length).put(call, 0, 10).array());
            c.shutdownOutput();
            assertTrue(c.closedByServer());
        }
        // A well-framed record that is not a call.
        try (RpcTestClient c = new RpcTestClient(server.address())) {
            byte[] reply = RpcTestClient.encodeCall(905, NFS, 3, 0, AuthCredential.NONE, null);
            ByteBuffer.wrap(reply).putInt(4, 1);
            c.sendRecord(reply);
            assertTrue(c.closedByServer());
        }
    }

    private static void assertGarbage(RpcTestClient c, int procedure, XdrAble args) throws IOException {
        RpcReply r = c.call(NFS, 3, procedure, args);
        assertEquals(RpcReply.GARBAGE_ARGS, r.acceptStat(), "procedure " + procedure + ": " + r.describe());
    }

    /** Arguments written by hand. */
    @FunctionalInterface
    private interface Encoder extends XdrAble {
        void encode(Xdr xdr);

        @Override
        default void xdrEncode(org.dcache.oncrpc4j.xdr.XdrEncodingStream xdr) {
            encode((Xdr) xdr);
        }

        @Override
        default void xdrDecode(org.dcache.oncrpc4j.xdr.XdrDecodingStream xdr) {
            throw new UnsupportedOperationException();
        }
    }
}
