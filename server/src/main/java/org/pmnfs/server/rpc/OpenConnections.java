package org.pmnfs.server.rpc;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.ConnectionProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open TCP connections of one {@link RpcServer}, kept by a Grizzly connection probe: for the
 * graceful close at shutdown, for the limit on how many may be open ({@link ConnectionLimits})
 * and for closing the idle ones. Connects, disconnects and idle closes are logged at DEBUG;
 * refused connections at WARN, at most once a second.
 */
final class OpenConnections extends ConnectionProbe.Adapter {

    private static final Logger LOG = LoggerFactory.getLogger(OpenConnections.class);

    private final String serverName;
    private final ConnectionLimits limits;
    private final LongSupplier nanoClock;
    /** Per open connection: when bytes last went in or out (nanoClock). */
    private final ConcurrentHashMap<Connection<?>, LastActivity> open = new ConcurrentHashMap<>();
    private final LogThrottle<String> refusals;
    /** Totals since start, for monitoring. */
    private final LongAdder accepted = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder closedIdle = new LongAdder();

    private static final class LastActivity {
        volatile long nanos;

        LastActivity(long nanos) {
            this.nanos = nanos;
        }
    }

    OpenConnections(String serverName, ConnectionLimits limits, LongSupplier nanoClock) {
        this.serverName = serverName;
        this.limits = limits;
        this.nanoClock = nanoClock;
        this.refusals = new LogThrottle<>(TimeUnit.SECONDS.toNanos(1), nanoClock);
    }

    int count() {
        return open.size();
    }

    long accepted() {
        return accepted.sum();
    }

    long refused() {
        return refused.sum();
    }

    long closedIdle() {
        return closedIdle.sum();
    }

    List<Connection<?>> all() {
        return List.copyOf(open.keySet());
    }

    @Override
    public void onAcceptEvent(Connection serverConnection, Connection clientConnection) {
        // Checked and added in two steps, so a burst of accepts may pass the limit by the number of
        // selector threads; the limit is about file descriptors, not an exact count.
        if (open.size() >= limits.maxConnections()) {
            refused.increment();
            logRefusal(clientConnection);
            clientConnection.closeSilently();
            return;
        }
        accepted.increment();
        open.put(clientConnection, new LastActivity(nanoClock.getAsLong()));
        LOG.debug("{}: connection from {}", serverName, Channel.labelOf(clientConnection));
    }

    @Override
    public void onReadEvent(Connection connection, Buffer data, int size) {
        touch(connection);
    }

    @Override
    public void onWriteEvent(Connection connection, Buffer data, long size) {
        touch(connection);
    }

    @Override
    public void onCloseEvent(Connection connection) {
        if (open.remove(connection) != null) {
            LOG.debug("{}: connection from {} closed", serverName, Channel.labelOf(connection));
        }
    }

    /**
     * Closes the connections idle for longer than the limit: nothing read or written for that long
     * and no call of theirs with the workers (a long COMMIT is not idleness). Returns how many.
     */
    int closeIdle() {
        long now = nanoClock.getAsLong();
        long limit = limits.idleTimeout().toNanos();
        int closed = 0;
        for (var e : open.entrySet()) {
            Connection<?> c = e.getKey();
            if (now - e.getValue().nanos > limit && !Channel.hasCallsInFlight(c)) {
                LOG.debug("{}: closing connection from {}: idle for more than {} s", serverName, Channel.labelOf(c),
                        limits.idleTimeout().toSeconds());
                open.remove(c);
                c.closeSilently();
                closedIdle.increment();
                closed++;
            }
        }
        return closed;
    }

    private void touch(Connection<?> connection) {
        LastActivity a = open.get(connection);
        if (a != null) {
            a.nanos = nanoClock.getAsLong();
        }
    }

    private void logRefusal(Connection<?> connection) {
        long held = refusals.admit("limit");
        if (held != LogThrottle.HOLD) {
            LOG.warn("{}: refusing the connection from {}: {} connections are open, the most allowed (--max-connections){}",
                    serverName, Channel.labelOf(connection), open.size(), held == 0 ? "" : " (" + held + " more refused since the last such line)");
        }
    }
}
