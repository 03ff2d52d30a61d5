package org.pmnfs.benchmarks.wire;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One TCP connection to an ONC RPC server, as lean as a client can be so that the round trip it
 * measures is the server's and the network's: a blocking socket, one direct buffer each way reused
 * for every call, record marking by hand (RFC 5531 section 11), AUTH_SYS as root. A call is
 * {@link #begin}, arguments put into {@link #out()}, {@link #send}; a reply is {@link #receive}d
 * as a view of its body. Calls may be pipelined (send several, then receive); not thread-safe.
 */
final class RpcConnection implements AutoCloseable {

    static final int LAST_FRAGMENT = 0x80000000;
    private static final int MSG_CALL = 0;
    private static final int MSG_REPLY = 1;
    private static final int AUTH_NONE = 0;
    private static final int AUTH_SYS = 1;

    /** Room for a 1 MiB WRITE or READ and its headers, and for several pipelined small replies. */
    private static final int BUFFER_BYTES = (1 << 20) + 64 * 1024;

    private final SocketChannel channel;
    private final ByteBuffer out = ByteBuffer.allocateDirect(BUFFER_BYTES);
    private final ByteBuffer in = ByteBuffer.allocateDirect(2 * BUFFER_BYTES);
    /** The AUTH_SYS credential body (stamp, machine name, uid 0, gid 0, no gids). */
    private final byte[] credential;
    /** Unread bytes of {@link #in} are [readAt, filled). */
    private int readAt;
    private int filled;
    private int nextXid;
    private int lastXid;

    RpcConnection(InetSocketAddress server) throws IOException {
        channel = SocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.connect(server);
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot connect to " + server + ": " + e.getMessage(), e);
        }
        nextXid = (int) (System.nanoTime() ^ System.identityHashCode(this));
        byte[] machine = "pmnfs-probe".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer c = ByteBuffer.allocate(5 * 4 + Xdr.padded(machine.length));
        c.putInt(0x5eed);
        Xdr.putOpaque(c, machine);
        c.putInt(0).putInt(0).putInt(0);
        credential = c.array();
    }

    /**
     * Starts a call of {@code procedure}: the record mark's place, the call header, the AUTH_SYS
     * credential and an empty verifier. The arguments go into {@link #out()} next. Returns the xid.
     */
    int begin(int program, int version, int procedure) {
        out.clear();
        out.putInt(0);
        int xid = nextXid++;
        out.putInt(xid).putInt(MSG_CALL).putInt(2).putInt(program).putInt(version).putInt(procedure);
        out.putInt(AUTH_SYS).putInt(credential.length).put(credential);
        out.putInt(AUTH_NONE).putInt(0);
        return xid;
    }

    /** Where the arguments of the call begun go. */
    ByteBuffer out() {
        return out;
    }

    /** Sends the call begun, as one record. */
    void send() throws IOException {
        out.putInt(0, LAST_FRAGMENT | (out.position() - Integer.BYTES));
        out.flip();
        while (out.hasRemaining()) {
            channel.write(out);
        }
    }

    /** The xid of the reply {@link #receive} returned last. */
    int lastXid() {
        return lastXid;
    }

    /**
     * Reads the next reply and checks it was accepted with SUCCESS; returns a view of its body
     * (valid until the next receive).
     */
    ByteBuffer receive() throws IOException {
        int length = record();
        ByteBuffer r = in.slice(readAt, length);
        readAt += length;
        lastXid = r.getInt();
        int type = r.getInt();
        if (type != MSG_REPLY) {
            throw new IOException("xid " + Integer.toHexString(lastXid) + ": msg_type " + type + ", not a reply");
        }
        int replyStat = r.getInt();
        if (replyStat != 0) {
            throw new IOException("xid " + Integer.toHexString(lastXid) + ": call denied (reply_stat " + replyStat
                    + ", reject_stat " + r.getInt() + ")");
        }
        r.getInt(); // verifier flavor
        Xdr.skipOpaque(r);
        int acceptStat = r.getInt();
        if (acceptStat != 0) {
            throw new IOException("xid " + Integer.toHexString(lastXid) + ": call not accepted (accept_stat " + acceptStat + ")");
        }
        return r.slice();
    }

    /** Reads until a whole record sits at {@link #readAt}, fragments joined; returns its length. */
    private int record() throws IOException {
        need(Integer.BYTES);
        int first = in.getInt(readAt);
        if ((first & LAST_FRAGMENT) != 0 && (first & ~LAST_FRAGMENT) <= in.capacity() / 2) {
            // One fragment, as servers send replies: step over the mark.
            readAt += Integer.BYTES;
            need(first & ~LAST_FRAGMENT);
            return first & ~LAST_FRAGMENT;
        }
        int length = 0;
        while (true) {
            need(length + Integer.BYTES);
            int mark = in.getInt(readAt + length);
            int fragment = mark & ~LAST_FRAGMENT;
            if (fragment > in.capacity() / 2) {
                throw new IOException("reply fragment of " + Integer.toUnsignedString(fragment) + " bytes");
            }
            need(length + Integer.BYTES + fragment);
            // Drop the mark: the fragment's bytes move up to follow the previous fragment's.
            int from = readAt + length + Integer.BYTES;
            in.put(readAt + length, in, from, fragment);
            in.put(readAt + length + fragment, in, from + fragment, filled - from - fragment);
            filled -= Integer.BYTES;
            length += fragment;
            if ((mark & LAST_FRAGMENT) != 0) {
                return length;
            }
        }
    }

    /** Reads until at least {@code bytes} unread bytes are buffered. */
    private void need(int bytes) throws IOException {
        if (filled - readAt >= bytes) {
            return;
        }
        if (readAt + bytes > in.capacity()) {
            in.put(0, in, readAt, filled - readAt);
            filled -= readAt;
            readAt = 0;
        }
        while (filled - readAt < bytes) {
            in.limit(in.capacity()).position(filled);
            int n = channel.read(in);
            if (n < 0) {
                throw new EOFException("the server closed the connection");
            }
            filled += n;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
