package org.pmnfs.server.rpc;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.dcache.oncrpc4j.grizzly.GrizzlyRpcTransport;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.IOEvent;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.attributes.AttributeBuilder;
import org.glassfish.grizzly.memory.MemoryManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a call came from and where its reply goes: one TCP connection (cached on the connection),
 * or one UDP datagram's sender. Wraps oncrpc4j's {@link GrizzlyRpcTransport}, which adds the record
 * mark to every reply sent on a stream.
 */
final class Channel {

    /**
     * Calls of one TCP connection that may wait for or run on the workers; past this the connection
     * is not read until half of them finished, so one client cannot queue gigabytes of WRITEs.
     * Linux clients keep far fewer outstanding on one connection in normal use.
     */
    static final int MAX_IN_FLIGHT = 128;

    private static final Logger LOG = LoggerFactory.getLogger(Channel.class);

    private static final Attribute<Channel> TCP_CHANNEL =
            AttributeBuilder.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(Channel.class.getName());

    private final Connection<InetSocketAddress> connection;
    private final GrizzlyRpcTransport transport;
    private final InetSocketAddress client;
    private final String label;
    private final boolean stream;
    private final ReplyBufferPool replies;

    /**
     * Back-pressure: calls of this connection handed to the workers and not yet finished, and
     * whether reading is paused because there were {@link #MAX_IN_FLIGHT}. Guarded by {@code this}.
     */
    private int inFlight;
    private boolean paused;

    private Channel(Connection<InetSocketAddress> connection, InetSocketAddress client, boolean stream, ReplyBufferPool replies) {
        this.connection = connection;
        this.stream = stream;
        this.replies = replies;
        this.client = client;
        // A server never sends calls, so it needs no reply queue (ReplyQueue would own a thread pool).
        this.transport = new GrizzlyRpcTransport(connection, client, null);
        this.label = client.getAddress().getHostAddress() + ":" + client.getPort();
    }

    /** The channel of a TCP connection, made on its first record. */
    @SuppressWarnings("unchecked")
    static Channel ofStream(Connection<?> connection, ReplyBufferPool replies) {
        Channel c = TCP_CHANNEL.get(connection);
        if (c == null) {
            Connection<InetSocketAddress> conn = (Connection<InetSocketAddress>) connection;
            c = new Channel(conn, conn.getPeerAddress(), true, replies);
            TCP_CHANNEL.set(connection, c);
        }
        return c;
    }

    /** A channel for one datagram from {@code sender}. */
    @SuppressWarnings("unchecked")
    static Channel ofDatagram(Connection<?> connection, InetSocketAddress sender, ReplyBufferPool replies) {
        return new Channel((Connection<InetSocketAddress>) connection, sender, false, replies);
    }

    /** Whether a call of this TCP connection is with the workers; false before its first record. */
    static boolean hasCallsInFlight(Connection<?> connection) {
        Channel c = TCP_CHANNEL.get(connection);
        return c != null && !c.idle();
    }

    /** The label of a connection for logs, without creating its channel. */
    static String labelOf(Connection<?> connection) {
        Object peer = connection.getPeerAddress();
        return peer instanceof InetSocketAddress a ? a.getAddress().getHostAddress() + ":" + a.getPort() : String.valueOf(peer);
    }

    GrizzlyRpcTransport transport() {
        return transport;
    }

    InetSocketAddress client() {
        return client;
    }

    /** "address:port", for the MDC. */
    String label() {
        return label;
    }

    MemoryManager memory() {
        return connection.getMemoryManager();
    }

    /** A buffer for a reply of {@code size} bytes: pooled and direct when large. */
    Buffer replyBuffer(int size) {
        return replies.allocate(connection.getMemoryManager(), size);
    }

    boolean isOpen() {
        return connection.isOpen();
    }

    /** Whether the call came over TCP (false: a UDP datagram). */
    boolean isStream() {
        return stream;
    }

    /** True when no call of this connection is with the workers (waiting or running). */
    synchronized boolean idle() {
        return inFlight == 0;
    }

    /** A call of this channel goes to the workers; pauses reading a TCP connection at the limit. */
    void callStarted() {
        if (!stream) {
            return;
        }
        synchronized (this) {
            inFlight++;
            if (inFlight >= MAX_IN_FLIGHT && !paused) {
                paused = true;
                setReading(false);
            }
        }
    }

    /** A call of this channel finished; resumes reading once half of the calls in flight are done. */
    void callFinished() {
        if (!stream) {
            return;
        }
        synchronized (this) {
            inFlight--;
            if (paused && inFlight <= MAX_IN_FLIGHT / 2) {
                paused = false;
                setReading(true);
            }
        }
    }

    private void setReading(boolean on) {
        try {
            if (on) {
                connection.enableIOEvent(IOEvent.READ);
            } else {
                connection.disableIOEvent(IOEvent.READ);
            }
            LOG.debug("{} reading {} ({} calls in flight)", label, on ? "resumed" : "paused", inFlight);
        } catch (IOException e) {
            LOG.debug("{}: cannot {} reading: {}", label, on ? "resume" : "pause", e.toString());
        }
    }

    /** Closes a TCP connection whose stream cannot be trusted any more; a no-op for UDP. */
    void closeStream() {
        if (stream) {
            connection.closeSilently();
        }
    }
}
