package org.pmnfs.server.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.dcache.oncrpc4j.xdr.XdrInt;
import org.dcache.oncrpc4j.xdr.XdrVoid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pmnfs.server.testing.LogCapture;
import org.pmnfs.server.testing.RpcReply;
import org.pmnfs.server.testing.RpcTestClient;

/** The RPC layer over real loopback TCP: framing, header checks, dispatch errors, parallelism. */
class RpcServerTest {

    private static final int MAX_RECORD = 1 << 20 | 8192;

    private ExecutorService workers;
    private TestProgram program;
    private RpcServer server;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws IOException {
        workers = Executors.newFixedThreadPool(4);
        program = new TestProgram();
        server = RpcServer.start(new RpcServer.Settings("rpc-test",
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), false, MAX_RECORD, 1,
                ConnectionLimits.DEFAULTS), List.of(program), workers);
        address = server.localAddress();
    }

    @AfterEach
    void stop() {
        server.shutdownNow();
        workers.shutdownNow();
    }

    @Test
    void echoesOneMebibyteInOneRecord() throws IOException {
        byte[] data = new byte[1 << 20];
        new Random(1).nextBytes(data);
        try (RpcTestClient c = new RpcTestClient(address)) {
            RpcReply r = c.call(TestProgram.NUMBER, 1, TestProgram.ECHO, new TestProgram.Opaque(data));
            assertTrue(r.isSuccess(), r.describe());
            assertArrayEquals(data, r.body().xdrDecodeDynamicOpaque());
        }
    }

    @Test
    void assemblesRecordsOfSeveralFragmentsAndByteByByteWrites() throws IOException {
        byte[] data = "fragmented payload".getBytes();
        byte[] call = RpcTestClient.encodeCall(77, TestProgram.NUMBER, 1, TestProgram.ECHO,
                new AuthCredential(AuthCredential.AUTH_SYS, 5, 5, new int[0]), new TestProgram.Opaque(data));
        // Three fragments: 10 bytes, 0 bytes, the rest (last).
        ByteBuffer b = ByteBuffer.allocate(call.length + 12);
        b.putInt(10).put(call, 0, 10).putInt(0).putInt(0x80000000 | (call.length - 10)).put(call, 10, call.length - 10);
        try (RpcTestClient c = new RpcTestClient(address)) {
            for (byte x : b.array()) {
                c.sendRaw(new byte[] {x});
            }
            RpcReply r = c.receive();
            assertEquals(77, r.xid());
            assertArrayEquals(data, r.body().xdrDecodeDynamicOpaque());
            // Two records in one write are both served.
            byte[] two = concat(record(RpcTestClient.encodeCall(78, TestProgram.NUMBER, 1, TestProgram.NULL, AuthCredential.NONE, null)),
                    record(RpcTestClient.encodeCall(79, TestProgram.NUMBER, 2, TestProgram.NULL, AuthCredential.NONE, null)));
            c.sendRaw(two);
            int first = c.receive().xid();
            int second = c.receive().xid();
            assertEquals(78 + 79, first + second);
        }
    }

    @Test
    void callsOnOneConnectionRunInParallel() throws IOException {
        try (RpcTestClient c = new RpcTestClient(address)) {
            int blocked = c.send(TestProgram.NUMBER, 1, TestProgram.BLOCK, XdrVoid.XDR_VOID);
            int release = c.send(TestProgram.NUMBER, 1, TestProgram.RELEASE, XdrVoid.XDR_VOID);
            // BLOCK can only finish after RELEASE ran, so serial processing would never answer BLOCK;
            // once released, the two replies race, so only their arrival is checked, not their order.
            RpcReply first = c.receive();
            RpcReply second = c.receive();
            assertEquals(java.util.Set.of(blocked, release), java.util.Set.of(first.xid(), second.xid()));
            assertTrue(first.isSuccess() && second.isSuccess());
        }
    }

    @Test
    void aConnectionWithTooManyCallsInFlightIsNotReadUntilHalfFinish() throws Exception {
        int calls = 3 * Channel.MAX_IN_FLIGHT;
        // Each BLOCK call carries 16 KiB the program ignores, so they arrive over many reads.
        byte[] padding = new byte[16 * 1024];
        try (RpcTestClient flood = new RpcTestClient(address); RpcTestClient other = new RpcTestClient(address)) {
            Thread sender = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < calls; i++) {
                        flood.send(TestProgram.NUMBER, 1, TestProgram.BLOCK, new TestProgram.Opaque(padding));
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (server.tcpCallsReceived() < Channel.MAX_IN_FLIGHT && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(server.tcpCallsReceived() >= Channel.MAX_IN_FLIGHT);
            Thread.sleep(300);
            long received = server.tcpCallsReceived();
            assertTrue(received < calls, "reading paused with " + received + " of " + calls + " calls taken in");
            // Releasing the blocked calls lets everything through, and other connections are served.
            program.released.countDown();
            assertTrue(other.call(TestProgram.NUMBER, 1, TestProgram.NULL, XdrVoid.XDR_VOID).isSuccess());
            for (int i = 0; i < calls; i++) {
                assertTrue(flood.receive().isSuccess());
            }
            sender.join();
            assertEquals(calls + 1, server.tcpCallsReceived());
        }
    }

    @Test
    void programVersionAndProcedureErrors() throws IOException {
        try (RpcTestClient c = new RpcTestClient(address)) {
            assertEquals(RpcReply.PROG_UNAVAIL, c.call(400001, 1, 0, XdrVoid.XDR_VOID).acceptStat());
            RpcReply mismatch = c.call(TestProgram.NUMBER, 3, 0, XdrVoid.XDR_VOID);
            assertEquals(RpcReply.PROG_MISMATCH, mismatch.acceptStat());
            assertEquals(1, mismatch.low());
            assertEquals(2, mismatch.high());
            assertEquals(RpcReply.PROC_UNAVAIL, c.call(TestProgram.NUMBER, 1, 99, XdrVoid.XDR_VOID).acceptStat());
            try (LogCapture log = new LogCapture()) {
                assertEquals(RpcReply.SYSTEM_ERR, c.call(TestProgram.NUMBER, 1, TestProgram.FAULT, XdrVoid.XDR_VOID).acceptStat());
                assertEquals(1, log.at(Level.ERROR).size(), "a server fault is logged at ERROR");
                assertNotNull(log.at(Level.ERROR).get(0).getThrowableProxy(), "with its stack trace");
            }
            // An opaque announcing 2 GiB: GARBAGE_ARGS, and nothing is allocated.
            assertEquals(RpcReply.GARBAGE_ARGS, c.call(TestProgram.NUMBER, 1, TestProgram.ECHO, new XdrInt(0x7fffffff)).acceptStat());
            // The connection survived every one of them.
            assertTrue(c.call(TestProgram.NUMBER, 2, 0, XdrVoid.XDR_VOID).isSuccess());
        }
    }

    @Test
    void theClientsNfsAclProbeIsAnExpectedOutcomeNotABadRequest() throws IOException {
        try (RpcTestClient c = new RpcTestClient(address); LogCapture log = new LogCapture(Level.DEBUG)) {
            // What the Linux client sends on every NFSv3 mount: NFS_ACL (100227) version 3, NULL.
            assertEquals(RpcReply.PROG_UNAVAIL, c.call(100227, 3, 0, XdrVoid.XDR_VOID).acceptStat());
            assertTrue(log.at(Level.WARN).isEmpty(), () -> "no WARN for the probe: " + log.at(Level.WARN));
            assertEquals(1, log.at(Level.DEBUG).stream().filter(e -> e.getFormattedMessage().contains("NFS_ACL")).count(),
                    () -> "one DEBUG line names it: " + log.events());
            // Any other unknown program is still a client mistake.
            assertEquals(RpcReply.PROG_UNAVAIL, c.call(400001, 1, 0, XdrVoid.XDR_VOID).acceptStat());
            assertEquals(1, log.at(Level.WARN).size(), () -> "one WARN for program 400001: " + log.events());
            assertTrue(c.call(TestProgram.NUMBER, 1, TestProgram.NULL, XdrVoid.XDR_VOID).isSuccess(), "the connection goes on");
        }
    }

    @Test
    void headerChecks() throws IOException {
        try (RpcTestClient c = new RpcTestClient(address)) {
            byte[] call = RpcTestClient.encodeCall(5, TestProgram.NUMBER, 1, 0, AuthCredential.NONE, null);
            ByteBuffer.wrap(call).putInt(8, 3); // rpcvers 3
            c.sendRecord(call);
            RpcReply r = c.receive();
            assertEquals(5, r.xid());
            assertFalse(r.accepted());
            assertEquals(RpcReply.RPC_MISMATCH, r.rejectStat());
            assertEquals(2, r.low());
            assertEquals(2, r.high());

            // RPCSEC_GSS (6) and AUTH_DH (3): AUTH_ERROR / AUTH_BADCRED.
            for (int flavor : new int[] {6, 3, 7}) {
                byte[] gss = RpcTestClient.encodeCall(6, TestProgram.NUMBER, 1, 0, AuthCredential.NONE, null);
                ByteBuffer.wrap(gss).putInt(24, flavor);
                c.sendRecord(gss);
                RpcReply denied = c.receive();
                assertEquals(RpcReply.AUTH_ERROR, denied.rejectStat(), "flavor " + flavor);
                assertEquals(RpcReply.AUTH_BADCRED, denied.authStat());
            }

            // AUTH_SYS with 17 gids.
            int[] gids = new int[17];
            c.sendRecord(authSys(7, 1000, gids));
            assertEquals(RpcReply.AUTH_BADCRED, c.receive().authStat());
            // AUTH_SYS body above 400 bytes.
            c.sendRecord(authSysWithBodyLength(8, 404));
            assertEquals(RpcReply.AUTH_BADCRED, c.receive().authStat());
            // A non-empty verifier.
            byte[] verf = RpcTestClient.encodeCall(9, TestProgram.NUMBER, 1, 0, AuthCredential.NONE, null);
            ByteBuffer.wrap(verf).putInt(32, 1);
            c.sendRecord(verf);
            assertEquals(RpcReply.AUTH_BADVERF, c.receive().authStat());
            // A header cut after the program number.
            c.sendRecord(Arrays.copyOf(RpcTestClient.encodeCall(10, TestProgram.NUMBER, 1, 0, AuthCredential.NONE, null), 16));
            RpcReply cut = c.receive();
            assertEquals(10, cut.xid());
            assertEquals(RpcReply.GARBAGE_ARGS, cut.acceptStat());

            // AUTH_SYS with 16 gids is fine and arrives intact.
            c.sendRecord(authSys(11, 1000, new int[16]));
            RpcReply ok = c.receive();
            assertTrue(ok.isSuccess(), ok.describe());
            assertArrayEquals(new byte[] {1, (byte) 1000, 16}, ok.body().xdrDecodeDynamicOpaque());
        }
    }

    @Test
    void oversizedRecordMarkClosesOnlyThatConnection() throws IOException {
        try (RpcTestClient bad = new RpcTestClient(address); RpcTestClient good = new RpcTestClient(address)) {
            assertTrue(good.call(TestProgram.NUMBER, 1, 0, XdrVoid.XDR_VOID).isSuccess());
            bad.sendRaw(new byte[] {(byte) 0xC0, 0, 0, 0}); // a 1 GiB record
            assertTrue(bad.closedByServer());
            assertTrue(good.call(TestProgram.NUMBER, 1, 0, XdrVoid.XDR_VOID).isSuccess());
        }
    }

    @Test
    void fragmentsAddingUpPastTheLimitCloseTheConnection() throws IOException {
        try (RpcTestClient bad = new RpcTestClient(address)) {
            // Non-last fragments of 512 KiB each: the third one passes the 1 MiB + 8 KiB limit.
            byte[] chunk = new byte[4 + (512 << 10)];
            ByteBuffer.wrap(chunk).putInt(512 << 10);
            bad.sendRaw(chunk);
            bad.sendRaw(chunk);
            bad.sendRaw(Arrays.copyOf(chunk, 4));
            assertTrue(bad.closedByServer());
        }
    }

    @Test
    void garbageBytesAndNonCallsCloseTheConnection() throws IOException {
        try (RpcTestClient c = new RpcTestClient(address)) {
            c.sendRaw("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
            assertTrue(c.closedByServer());
        }
        try (RpcTestClient c = new RpcTestClient(address)) {
            byte[] reply = RpcTestClient.encodeCall(1, TestProgram.NUMBER, 1, 0, AuthCredential.NONE, null);
            ByteBuffer.wrap(reply).putInt(4, 1); // msg_type REPLY
            c.sendRecord(reply);
            assertTrue(c.closedByServer());
        }
        try (RpcTestClient c = new RpcTestClient(address)) {
            c.sendRecord(new byte[] {1, 2, 3});
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void truncatedRecordAtEndOfStreamIsDroppedAndTheServerGoesOn() throws IOException {
        try (RpcTestClient c = new RpcTestClient(address)) {
            byte[] call = RpcTestClient.encodeCall(3, TestProgram.NUMBER, 1, 0, AuthCredential.NONE, null);
            ByteBuffer b = ByteBuffer.allocate(4 + 20).putInt(0x80000000 | call.length).put(call, 0, 20);
            c.sendRaw(b.array());
            c.shutdownOutput();
            assertTrue(c.closedByServer());
        }
        try (RpcTestClient c = new RpcTestClient(address)) {
            assertTrue(c.call(TestProgram.NUMBER, 1, 0, XdrVoid.XDR_VOID).isSuccess());
        }
    }

    private static byte[] authSys(int xid, int uid, int[] gids) throws IOException {
        return gids.length <= AuthCredential.MAX_GIDS
                ? RpcTestClient.encodeCall(xid, TestProgram.NUMBER, 1, TestProgram.WHOAMI,
                        new AuthCredential(AuthCredential.AUTH_SYS, uid, uid, gids), null)
                : rawAuthSys(xid, uid, gids);
    }

    /** An AUTH_SYS call built by hand, for gid counts the record type refuses. */
    private static byte[] rawAuthSys(int xid, int uid, int[] gids) {
        Xdr x = new Xdr(512);
        x.beginEncoding();
        header(x, xid, TestProgram.WHOAMI);
        x.xdrEncodeInt(1);
        x.xdrEncodeInt(4 + 4 + 4 + 4 + 4 + 4 * gids.length);
        x.xdrEncodeInt(0);
        x.xdrEncodeInt(0); // empty machine name
        x.xdrEncodeInt(uid);
        x.xdrEncodeInt(uid);
        x.xdrEncodeIntVector(gids);
        x.xdrEncodeInt(0);
        x.xdrEncodeInt(0);
        x.endEncoding();
        return x.getBytes();
    }

    private static byte[] authSysWithBodyLength(int xid, int length) {
        Xdr x = new Xdr(1024);
        x.beginEncoding();
        header(x, xid, TestProgram.NULL);
        x.xdrEncodeInt(1);
        x.xdrEncodeInt(length);
        x.xdrEncodeOpaque(new byte[length], length);
        x.xdrEncodeInt(0);
        x.xdrEncodeInt(0);
        x.endEncoding();
        return x.getBytes();
    }

    private static void header(Xdr x, int xid, int procedure) {
        x.xdrEncodeInt(xid);
        x.xdrEncodeInt(0);
        x.xdrEncodeInt(2);
        x.xdrEncodeInt(TestProgram.NUMBER);
        x.xdrEncodeInt(1);
        x.xdrEncodeInt(procedure);
    }

    private static byte[] record(byte[] message) {
        return ByteBuffer.allocate(4 + message.length).putInt(0x80000000 | message.length).put(message).array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
