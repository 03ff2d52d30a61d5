package org.pmnfs.kv;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a kv store kept in an etcd cluster lives: the members' client URLs, the namespace (every
 * key of the store sits under {@code pmnfs/NAMESPACE/}), how long one request may wait for the
 * cluster, and what to assume for the cluster's storage quota if its members do not report it.
 *
 * @param endpoints  client URLs of the members, {@code http://host:port}; at least one
 * @param namespace  the store's name in the cluster: 1 to 64 of {@code A-Z a-z 0-9 . _ -}
 * @param timeout    the longest one request waits (a cluster without quorum answers nothing; the
 *                   call then fails with NFS3ERR_JUKEBOX, so clients retry)
 * @param quotaBytes 0, or the storage quota to assume (the members' {@code --quota-backend-bytes};
 *                   {@code --etcd-quota}) when no member reports it at {@code /metrics}; FSSTAT
 *                   reports the quota as the capacity. A quota the cluster reports always wins.
 *                   Without either, a server cannot open the store.
 */
public record EtcdSettings(List<URI> endpoints, String namespace, Duration timeout, long quotaBytes) {

    /** The namespace when none is given. */
    public static final String DEFAULT_NAMESPACE = "default";
    /** Five seconds: a leader election takes about one, and the Linux client waits five after JUKEBOX. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** etcd's own default quota, 2 GiB (what a member started without --quota-backend-bytes has). */
    public static final long DEFAULT_QUOTA_BYTES = 2L << 30;
    /** etcd's documented largest quota, 8 GiB. */
    public static final long MAX_QUOTA_BYTES = 8L << 30;

    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public EtcdSettings {
        endpoints = List.copyOf(Objects.requireNonNull(endpoints, "endpoints"));
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(timeout, "timeout");
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("endpoints: at least one etcd client URL is needed, e.g. http://127.0.0.1:2379");
        }
        for (URI u : endpoints) {
            if (!"http".equals(u.getScheme()) || u.getHost() == null || u.getPort() < 1) {
                throw new IllegalArgumentException("endpoints: '" + u + "' is not an http://HOST:PORT etcd client URL");
            }
        }
        if (!NAMESPACE.matcher(namespace).matches()) {
            throw new IllegalArgumentException("namespace: '" + namespace + "' must be 1 to 64 of A-Z a-z 0-9 . _ -");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: must be positive, got " + timeout);
        }
        if (quotaBytes < 0 || quotaBytes > MAX_QUOTA_BYTES) {
            throw new IllegalArgumentException("quotaBytes: must be 0 (none) or up to " + MAX_QUOTA_BYTES
                    + " (etcd's largest quota), got " + quotaBytes);
        }
    }

    /** The defaults for a comma-separated list of client URLs. */
    public static EtcdSettings of(String commaSeparatedEndpoints) {
        List<URI> uris = new java.util.ArrayList<>();
        for (String s : commaSeparatedEndpoints.split(",")) {
            if (!s.isBlank()) {
                try {
                    uris.add(URI.create(s.trim()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("endpoints: '" + s.trim() + "' is not a URL: " + e.getMessage(), e);
                }
            }
        }
        return new EtcdSettings(uris, DEFAULT_NAMESPACE, DEFAULT_TIMEOUT, 0);
    }

    public EtcdSettings withNamespace(String name) {
        return new EtcdSettings(endpoints, name, timeout, quotaBytes);
    }

    public EtcdSettings withTimeout(Duration t) {
        return new EtcdSettings(endpoints, namespace, t, quotaBytes);
    }

    public EtcdSettings withQuotaBytes(long bytes) {
        return new EtcdSettings(endpoints, namespace, timeout, bytes);
    }

    /** Where the store is, for messages: {@code etcd namespace NAME at URL,URL}. */
    public String describe() {
        StringBuilder b = new StringBuilder("etcd namespace '").append(namespace).append("' at ");
        for (int i = 0; i < endpoints.size(); i++) {
            b.append(i == 0 ? "" : ",").append(endpoints.get(i));
        }
        return b.toString();
    }
}
