package org.pmnfs.server.rpc;

import java.time.Duration;
import java.util.Objects;

/**
 * What one client may hold of a server's connections: how many TCP connections may be open at
 * once (one more is closed as soon as it is accepted), and how long one may sit idle, with no
 * bytes either way and no call in flight, before the server closes it (the Linux client
 * reconnects by itself on its next call). Without them a client that opens connections and never
 * closes them runs the server out of file descriptors.
 *
 * @param maxConnections open TCP connections allowed at once
 * @param idleTimeout    idle time after which a connection is closed; zero: never
 */
public record ConnectionLimits(int maxConnections, Duration idleTimeout) {

    /** Far more than a few hundred clients need, far fewer than the file descriptors a JVM gets. */
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;
    /** The Linux nfsd's 6 minutes; the Linux client closes its own idle connection after 5. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(6);
    /** What `pmnfs serve` uses unless told otherwise. */
    public static final ConnectionLimits DEFAULTS = new ConnectionLimits(DEFAULT_MAX_CONNECTIONS, DEFAULT_IDLE_TIMEOUT);

    public ConnectionLimits {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections: at least 1, got " + maxConnections);
        }
        if (idleTimeout.isNegative()) {
            throw new IllegalArgumentException("idleTimeout: negative " + idleTimeout);
        }
    }

    /** Whether idle connections are closed at all. */
    public boolean closesIdle() {
        return !idleTimeout.isZero();
    }
}
