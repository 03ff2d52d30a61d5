package org.pmnfs.server.testing;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.dcache.oncrpc4j.rpc.RpcAuthTypeNone;
import org.dcache.oncrpc4j.rpc.RpcAuthTypeUnix;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.pmnfs.server.rpc.AuthCredential;

/**
 * A deliberately plain ONC RPC client for tests: one blocking TCP socket, record marking done by
 * hand, calls encoded with oncrpc4j's Xdr, and raw byte access for the bad-input tests. Not thread
 * safe; one outstanding call at a time unless the test pipelines with {@link #send} and
 * {@link #receive}.
 */
public final class RpcTestClient implements AutoCloseable {

    private static final int LAST_FRAGMENT = 0x80000000;
    private static final int TIMEOUT_MS = 20_000;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private AuthCredential credential = new AuthCredential(AuthCredential.AUTH_SYS, 0, 0, new int[0]);
    private int nextXid = 0x1000;

    public RpcTestClient(InetSocketAddress server) throws IOException {
        this(server, 0);
    }

    /** Connects from {@code localPort} (0: any), e.g. a port below 1024 for {@code secure} exports. */
    public RpcTestClient(InetSocketAddress server, int localPort) throws IOException {
        this(server, new InetSocketAddress(server.getAddress(), localPort));
    }

    /** Connects from {@code local}, e.g. 127.0.0.2 to be a different client than 127.0.0.1. */
    public RpcTestClient(InetSocketAddress server, InetSocketAddress local) throws IOException {
        socket = new Socket();
        socket.setReuseAddress(true);
        if (local.getPort() != 0 || !local.getAddress().equals(server.getAddress())) {
            socket.bind(local);
        }
        socket.connect(server, TIMEOUT_MS);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(TIMEOUT_MS);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** The credential sent with later calls. */
    public RpcTestClient as(AuthCredential credential) {
        this.credential = credential;
        return this;
    }

    public static AuthCredential user(int uid, int gid, int... gids) {
        return new AuthCredential(AuthCredential.AUTH_SYS, uid, gid, gids);
    }

    public int localPort() {
        return socket.getLocalPort();
    }

    /** Calls and waits for the reply with the same xid. */
    public RpcReply call(int program, int version, int procedure, XdrAble args) throws IOException {
        int xid = send(program, version, procedure, args);
        RpcReply reply = receive();
        if (reply.xid() != xid) {
            throw new IOException("expected the reply to xid " + xid + ", got " + reply.xid());
        }
        return reply;
    }

    /** Sends a call without waiting; returns its xid. */
    public int send(int program, int version, int procedure, XdrAble args) throws IOException {
        int xid = nextXid++;
        sendRecord(encodeCall(xid, program, version, procedure, credential, args));
        return xid;
    }

    /** The bytes of a call message (without record mark). */
    public static byte[] encodeCall(int xid, int program, int version, int procedure, AuthCredential cred, XdrAble args)
            throws IOException {
        Xdr xdr = new Xdr(256);
        xdr.beginEncoding();
        xdr.xdrEncodeInt(xid);
        xdr.xdrEncodeInt(0); // CALL
        xdr.xdrEncodeInt(2); // RPC version
        xdr.xdrEncodeInt(program);
        xdr.xdrEncodeInt(version);
        xdr.xdrEncodeInt(procedure);
        if (cred.isAuthSys()) {
            // oncrpc4j's own AUTH_SYS encoder (credential and AUTH_NONE verifier), so the server's
            // decoder is checked against an independent implementation.
            new RpcAuthTypeUnix(cred.uid(), cred.gid(), cred.gids(), 0x5eed, "pmnfs-test").xdrEncode(xdr);
        } else {
            new RpcAuthTypeNone().xdrEncode(xdr);
        }
        if (args != null) {
            args.xdrEncode(xdr);
        }
        xdr.endEncoding();
        return xdr.getBytes();
    }

    /** Sends {@code message} as one record (a single last fragment). */
    public void sendRecord(byte[] message) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 + message.length);
        b.putInt(LAST_FRAGMENT | message.length).put(message);
        sendRaw(b.array());
    }

    /** Writes bytes as they are, record marks and all. */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Closes with a reset (no TIME_WAIT), as a broken connection does; its port is free again at once. */
    public void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** Half-closes the connection: the server sees end of stream. */
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Reads the next reply record and decodes its RPC header. */
    public RpcReply receive() throws IOException {
        return decodeReply(receiveRecord());
    }

    /** Reads one record (all fragments). */
    public byte[] receiveRecord() throws IOException {
        byte[] record = new byte[0];
        while (true) {
            int mark = in.readInt();
            int length = mark & ~LAST_FRAGMENT;
            int old = record.length;
            record = Arrays.copyOf(record, old + length);
            in.readFully(record, old, length);
            if ((mark & LAST_FRAGMENT) != 0) {
                return record;
            }
        }
    }

    /** Decodes an RPC reply header; the body of an accepted reply is left in the returned stream. */
    public static RpcReply decodeReply(byte[] record) throws IOException {
        Xdr xdr = new Xdr(record);
        xdr.beginDecoding();
        int xid = xdr.xdrDecodeInt();
        int type = xdr.xdrDecodeInt();
        if (type != 1) {
            throw new IOException("not a reply: msg_type " + type);
        }
        int replyStat = xdr.xdrDecodeInt();
        if (replyStat == 0) {
            xdr.xdrDecodeInt(); // verifier flavor
            xdr.xdrDecodeDynamicOpaque();
            int acceptStat = xdr.xdrDecodeInt();
            int low = -1;
            int high = -1;
            if (acceptStat == RpcReply.PROG_MISMATCH) {
                low = xdr.xdrDecodeInt();
                high = xdr.xdrDecodeInt();
            }
            return new RpcReply(xid, true, acceptStat, -1, -1, low, high, xdr);
        }
        int rejectStat = xdr.xdrDecodeInt();
        if (rejectStat == RpcReply.RPC_MISMATCH) {
            int low = xdr.xdrDecodeInt();
            int high = xdr.xdrDecodeInt();
            return new RpcReply(xid, false, -1, rejectStat, -1, low, high, xdr);
        }
        return new RpcReply(xid, false, -1, rejectStat, xdr.xdrDecodeInt(), -1, -1, xdr);
    }

    /** True when the server closed the connection (end of stream within the timeout, no data). */
    public boolean closedByServer() throws IOException {
        return closedByServerWithin(TIMEOUT_MS);
    }

    /** True when the server closes the connection within {@code millis} without sending anything. */
    public boolean closedByServerWithin(int millis) throws IOException {
        int old = socket.getSoTimeout();
        socket.setSoTimeout(millis);
        try {
            return in.read() == -1;
        } catch (EOFException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            // A reset also means the server closed it.
            return true;
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(old);
            }
        }
    }

    /** One call over UDP, waiting for its reply. */
    public static RpcReply callUdp(InetSocketAddress server, int program, int version, int procedure, XdrAble args)
            throws IOException {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(TIMEOUT_MS);
            byte[] message = encodeCall(0x7777, program, version, procedure,
                    new AuthCredential(AuthCredential.AUTH_NONE, -1, -1, new int[0]), args);
            s.send(new DatagramPacket(message, message.length, server));
            byte[] buf = new byte[65536];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            s.receive(p);
            return decodeReply(Arrays.copyOf(buf, p.getLength()));
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
