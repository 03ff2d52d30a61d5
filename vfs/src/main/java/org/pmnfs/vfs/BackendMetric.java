package org.pmnfs.vfs;

import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * One number a backend shows for monitoring (a pool's free blocks, the journal's commits, the
 * dirty bytes waiting for COMMIT): its name, what it means, whether it only grows, and how to read
 * it now. The server publishes each one (as the Prometheus metric {@code pmnfs_<name>}) without
 * knowing what it counts, so a backend adds numbers without the server changing, and no backend
 * depends on a metrics library.
 *
 * @param name  lower-case words joined by '_', with the unit last ("pmem_blocks_free",
 *              "kv_dirty_bytes"); a counter's name ends in "_total"
 * @param help  one sentence for the metric's HELP line
 * @param kind  whether the number only grows (a count since the backend opened) or goes up and down
 * @param value reads the current value; called from the metrics thread, so it must be thread-safe
 *              and cheap (no disk I/O)
 */
public record BackendMetric(String name, String help, Kind kind, LongSupplier value) {

    /** A counter only grows while the backend is open; a gauge is a level. */
    public enum Kind { GAUGE, COUNTER }

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

    public BackendMetric {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: lower-case words joined by '_', got '" + name + "'");
        }
        if ((kind == Kind.COUNTER) != name.endsWith("_total")) {
            throw new IllegalArgumentException("name: a counter's name ends in _total and only a counter's, got '"
                    + name + "' for a " + kind);
        }
        if (help.isBlank()) {
            throw new IllegalArgumentException("help: empty for " + name);
        }
    }

    public static BackendMetric gauge(String name, String help, LongSupplier value) {
        return new BackendMetric(name, help, Kind.GAUGE, value);
    }

    public static BackendMetric counter(String name, String help, LongSupplier value) {
        return new BackendMetric(name, help, Kind.COUNTER, value);
    }
}
