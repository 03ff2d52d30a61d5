package org.pmnfs.kv;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An ordered list of puts and deletes that a {@link KvStore} applies atomically, optionally only
 * while the versions of some keys are still those read. Plain Java, so
 * no engine resource needs closing; the engine translates it when it is written. Arrays are kept
 * by reference: callers must not change them until the batch is written.
 */
final class KvBatch {

    /** What one operation does. */
    enum Kind { PUT, DELETE, DELETE_RANGE }

    /** One operation: {@code second} is the value of a PUT, the exclusive end of a DELETE_RANGE. */
    record Op(Kind kind, byte[] key, byte[] second) {}

    /** A condition: {@code key} must still have {@code version} (0: must be absent). */
    record Condition(byte[] key, long version) {}

    private final List<Op> ops = new ArrayList<>();
    private final List<Condition> conditions = new ArrayList<>();
    private long bytes;

    void put(byte[] key, byte[] value) {
        ops.add(new Op(Kind.PUT, Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value")));
        bytes += key.length + value.length;
    }

    void delete(byte[] key) {
        ops.add(new Op(Kind.DELETE, Objects.requireNonNull(key, "key"), null));
        bytes += key.length;
    }

    /** Deletes every key in {@code [fromInclusive, toExclusive)}. */
    void deleteRange(byte[] fromInclusive, byte[] toExclusive) {
        ops.add(new Op(Kind.DELETE_RANGE, Objects.requireNonNull(fromInclusive, "from"), Objects.requireNonNull(toExclusive, "to")));
        bytes += fromInclusive.length + toExclusive.length;
    }

    /**
     * Makes the batch conditional (shared engines only): it applies only if {@code key} still has
     * {@code version} (0: is still absent), else the write fails with {@link KvConflictException}.
     */
    void expect(byte[] key, long version) {
        conditions.add(new Condition(Objects.requireNonNull(key, "key"), version));
    }

    List<Condition> conditions() {
        return conditions;
    }

    List<Op> ops() {
        return ops;
    }

    boolean isEmpty() {
        return ops.isEmpty();
    }

    int size() {
        return ops.size();
    }

    /** Key and value bytes in the batch, for logs and limits. */
    long bytes() {
        return bytes;
    }
}
