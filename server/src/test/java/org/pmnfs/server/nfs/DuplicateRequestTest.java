package org.pmnfs.server.nfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmnfs.server.testing.NfsTestClient.NFS;
import static org.pmnfs.server.testing.NfsTestClient.bytes;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.junit.jupiter.api.Test;
import org.pmnfs.server.ServerConfig;
import org.pmnfs.server.nfs.xdr.CREATE3args;
import org.pmnfs.server.nfs.xdr.CREATE3res;
import org.pmnfs.server.nfs.xdr.LINK3args;
import org.pmnfs.server.nfs.xdr.LINK3res;
import org.pmnfs.server.nfs.xdr.MKDIR3args;
import org.pmnfs.server.nfs.xdr.MKDIR3res;
import org.pmnfs.server.nfs.xdr.REMOVE3args;
import org.pmnfs.server.nfs.xdr.REMOVE3res;
import org.pmnfs.server.nfs.xdr.RENAME3args;
import org.pmnfs.server.nfs.xdr.RENAME3res;
import org.pmnfs.server.nfs.xdr.RMDIR3args;
import org.pmnfs.server.nfs.xdr.RMDIR3res;
import org.pmnfs.server.nfs.xdr.createhow3;
import org.pmnfs.server.rpc.AuthCredential;
import org.pmnfs.server.testing.GatedBackend;
import org.pmnfs.server.testing.LogCapture;
import org.pmnfs.server.testing.NfsTestClient;
import org.pmnfs.server.testing.RpcReply;
import org.pmnfs.server.testing.RpcTestClient;
import org.pmnfs.server.testing.TestServer;
import org.pmnfs.vfs.CreateMode;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.SetAttributes;

/**
 * Retransmissions of non-idempotent calls, over real TCP: a call that comes again from the same
 * client address and port with the same xid and arguments gets the first call's reply, byte for
 * byte, and does not run again. Without the duplicate request cache a retransmitted REMOVE would
 * answer NOENT, a RENAME NOENT and a GUARDED CREATE or a MKDIR EXIST.
 */
class DuplicateRequestTest {

    private static final AuthCredential ROOT = RpcTestClient.user(0, 0);
    private static final int REMOVE = 12;

    /** Sends the call {@code procedure(args)} with {@code xid} and returns the whole reply record. */
    private static byte[] callWithXid(RpcTestClient rpc, int xid, int procedure, XdrAble args) throws IOException {
        rpc.sendRecord(RpcTestClient.encodeCall(xid, NFS, 3, procedure, ROOT, args));
        byte[] reply = rpc.receiveRecord();
        assertEquals(xid, RpcTestClient.decodeReply(reply).xid());
        return reply;
    }

    /** Decodes the body of a SUCCESS reply record into {@code result}. */
    private static <T extends XdrAble> T body(byte[] record, T result) throws IOException {
        RpcReply reply = RpcTestClient.decodeReply(record);
        assertTrue(reply.isSuccess(), reply.describe());
        result.xdrDecode(reply.body());
        return result;
    }

    @Test
    void aRetransmittedRemoveGetsTheFirstReplyAndRemovesNothingElse() throws IOException {
        try (TestServer server = TestServer.start(); NfsTestClient client = server.client()) {
            byte[] root = client.mount("/");
            client.createFile(root, "f");
            RpcTestClient rpc = client.rpc();
            REMOVE3args args = new REMOVE3args(root, bytes("f"));

            byte[] first = callWithXid(rpc, 0x5100, REMOVE, args);
            assertEquals(NfsStatus.OK, body(first, new REMOVE3res()).status);
            byte[] again = callWithXid(rpc, 0x5100, REMOVE, args);
            assertArrayEquals(first, again, "the retransmission gets the first reply, byte for byte");

            // The same call with a new xid is a new call, and runs.
            assertEquals(NfsStatus.NOENT, body(callWithXid(rpc, 0x5101, REMOVE, args), new REMOVE3res()).status);
        }
    }

    @Test
    void eachNamespaceChangeIsAnsweredOnceForItsRetransmissions() throws IOException {
        try (TestServer server = TestServer.start(); NfsTestClient client = server.client()) {
            byte[] root = client.mount("/");
            byte[] file = client.createFile(root, "file");
            RpcTestClient rpc = client.rpc();
            int xid = 0x5200;

            XdrAble create = new CREATE3args(root, bytes("guarded"),
                    createhow3.of(CreateMode.GUARDED, SetAttributes.ofMode(0644), 0));
            assertRetransmissionReplayed(rpc, xid++, 8, create, new CREATE3res(), r -> r.status);
            XdrAble mkdir = new MKDIR3args(root, bytes("dir"), SetAttributes.ofMode(0755));
            assertRetransmissionReplayed(rpc, xid++, 9, mkdir, new MKDIR3res(), r -> r.status);
            XdrAble link = new LINK3args(file, root, bytes("link"));
            assertRetransmissionReplayed(rpc, xid++, 15, link, new LINK3res(), r -> r.status);
            XdrAble rename = new RENAME3args(root, bytes("file"), root, bytes("renamed"));
            assertRetransmissionReplayed(rpc, xid++, 14, rename, new RENAME3res(), r -> r.status);
            XdrAble rmdir = new RMDIR3args(root, bytes("dir"));
            assertRetransmissionReplayed(rpc, xid++, 13, rmdir, new RMDIR3res(), r -> r.status);

            // What happened, happened once: the renamed file and its link, no "dir".
            assertEquals(NfsStatus.OK, client.lookup(root, "renamed").status);
            assertEquals(NfsStatus.NOENT, client.lookup(root, "file").status);
            assertEquals(2, client.getattr(file).obj_attributes.nlink());
            assertEquals(NfsStatus.NOENT, client.lookup(root, "dir").status);
        }
    }

    private interface Status<T> {
        NfsStatus of(T reply);
    }

    private static <T extends XdrAble> void assertRetransmissionReplayed(RpcTestClient rpc, int xid, int procedure,
                                                                         XdrAble args, T result, Status<T> status)
            throws IOException {
        byte[] first = callWithXid(rpc, xid, procedure, args);
        assertEquals(NfsStatus.OK, status.of(body(first, result)), "procedure " + procedure);
        assertArrayEquals(first, callWithXid(rpc, xid, procedure, args), "retransmission of procedure " + procedure);
    }

    @Test
    void anotherClientPortOrOtherArgumentsMakeANewCall() throws IOException {
        try (TestServer server = TestServer.start(); NfsTestClient client = server.client();
             NfsTestClient other = server.client()) {
            byte[] root = client.mount("/");
            client.createFile(root, "a");
            client.createFile(root, "b");
            REMOVE3args removeA = new REMOVE3args(root, bytes("a"));
            assertEquals(NfsStatus.OK, body(callWithXid(client.rpc(), 0x5300, REMOVE, removeA), new REMOVE3res()).status);

            // Same xid and arguments from another port: another client's call, run again.
            assertEquals(NfsStatus.NOENT,
                    body(callWithXid(other.rpc(), 0x5300, REMOVE, removeA), new REMOVE3res()).status);
            // Same port and xid, other arguments: not a retransmission either.
            assertEquals(NfsStatus.OK, body(callWithXid(client.rpc(), 0x5300, REMOVE, new REMOVE3args(root, bytes("b"))),
                    new REMOVE3res()).status);
            assertEquals(NfsStatus.NOENT, client.lookup(root, "b").status);
        }
    }

    /**
     * The case the cache is for: the connection breaks while a REMOVE runs, so its reply is lost;
     * the client reconnects from the same port and sends the call again while it still runs. The
     * retransmission is answered with the first call's reply when that finishes, and the REMOVE
     * runs once.
     */
    @Test
    void aReplyLostWithItsConnectionIsSentForTheRetransmissionOnTheNextConnection() throws Exception {
        GatedBackend backend = new GatedBackend(TestServer.memory(), GatedBackend.Held.REMOVE);
        ServerConfig config = ServerConfig.defaults().withListen(new InetSocketAddress(TestServer.LOOPBACK, 0));
        try (TestServer server = TestServer.start(config, backend); NfsTestClient setup = server.client();
             LogCapture log = new LogCapture(Level.DEBUG)) {
            byte[] root = setup.mount("/");
            setup.createFile(root, "f");
            byte[] call = RpcTestClient.encodeCall(0x5400, NFS, 3, REMOVE, ROOT, new REMOVE3args(root, bytes("f")));

            RpcTestClient lost = new RpcTestClient(server.address());
            int port = lost.localPort();
            lost.sendRecord(call);
            assertTrue(backend.awaitHeldCall(20), "the REMOVE reached the backend");
            lost.abort();

            try (RpcTestClient again = new RpcTestClient(server.address(),
                    new InetSocketAddress(TestServer.LOOPBACK, port))) {
                again.sendRecord(call);
                assertTrue(log.awaitLine("when that call finishes", 20), "the retransmission waits for the first call");
                backend.open();
                byte[] reply = again.receiveRecord();
                assertEquals(0x5400, RpcTestClient.decodeReply(reply).xid());
                assertEquals(NfsStatus.OK, body(reply, new REMOVE3res()).status);
                again.sendRecord(call);
                assertArrayEquals(reply, again.receiveRecord(), "a later retransmission gets the same reply");
            }
            assertEquals(1, backend.removesRun(), "the REMOVE ran once");
            assertEquals(NfsStatus.NOENT, setup.lookup(root, "f").status);
        }
    }
}
