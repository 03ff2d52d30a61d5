package org.pmnfs.server.rpc;

import java.net.InetSocketAddress;
import org.dcache.oncrpc4j.grizzly.GrizzlyRpcTransport;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.attributes.AttributeBuilder;
import org.glassfish.grizzly.memory.MemoryManager;

/**
 * Where a call came from and where its reply goes: one TCP connection (cached on the connection),
 * or one UDP datagram's sender. Wraps oncrpc4j's {@link GrizzlyRpcTransport}, which adds the record
 * mark to every reply sent on a stream.
 */
final class Channel {

    private static final Attribute<Channel> TCP_CHANNEL =
            AttributeBuilder.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(Channel.class.getName());

    private final Connection<InetSocketAddress> connection;
    private final GrizzlyRpcTransport transport;
    private final InetSocketAddress client;
    private final String label;
    private final boolean stream;

    private Channel(Connection<InetSocketAddress> connection, InetSocketAddress client, boolean stream) {
        this.connection = connection;
        this.stream = stream;
        this.client = client;
        // A server never sends calls, so it needs no reply queue (ReplyQueue would own a thread pool).
        this.transport = new GrizzlyRpcTransport(connection, client, null);
        this.label = client.getAddress().getHostAddress() + ":" + client.getPort();
    }

    /** The channel of a TCP connection, made on its first record. */
    @SuppressWarnings("unchecked")
    static Channel ofStream(Connection<?> connection) {
        Channel c = TCP_CHANNEL.get(connection);
        if (c == null) {
            Connection<InetSocketAddress> conn = (Connection<InetSocketAddress>) connection;
            c = new Channel(conn, conn.getPeerAddress(), true);
            TCP_CHANNEL.set(connection, c);
        }
        return c;
    }

    /** A channel for one datagram from {@code sender}. */
    @SuppressWarnings("unchecked")
    static Channel ofDatagram(Connection<?> connection, InetSocketAddress sender) {
        return new Channel((Connection<InetSocketAddress>) connection, sender, false);
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

    boolean isOpen() {
        return connection.isOpen();
    }

    /** Closes a TCP connection whose stream cannot be trusted any more; a no-op for UDP. */
    void closeStream() {
        if (stream) {
            connection.closeSilently();
        }
    }
}
