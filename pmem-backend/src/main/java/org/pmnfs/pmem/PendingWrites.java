package org.pmnfs.pmem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The file byte ranges written UNSTABLE and not yet persisted, per inode, merged into disjoint
 * intervals. COMMIT persists exactly the intervals it covers (RFC 1813 section 3.3.21). Each
 * inode's intervals are guarded by that inode's write lock; the map itself is concurrent.
 */
final class PendingWrites {

    private final ConcurrentHashMap<Long, TreeMap<Long, Long>> byIno = new ConcurrentHashMap<>();

    /** Adds {@code [start, end)} of inode {@code ino}. */
    void add(long ino, long start, long end) {
        TreeMap<Long, Long> m = byIno.computeIfAbsent(ino, k -> new TreeMap<>());
        Map.Entry<Long, Long> before = m.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            start = before.getKey();
            end = Math.max(end, before.getValue());
            m.remove(before.getKey());
        }
        while (true) {
            Map.Entry<Long, Long> next = m.ceilingEntry(start);
            if (next == null || next.getKey() > end) {
                break;
            }
            end = Math.max(end, next.getValue());
            m.remove(next.getKey());
        }
        m.put(start, end);
    }

    /** Removes and returns the parts of the intervals inside {@code [from, to)}, as {start, end} pairs. */
    List<long[]> take(long ino, long from, long to) {
        List<long[]> out = new ArrayList<>();
        TreeMap<Long, Long> m = byIno.get(ino);
        if (m == null) {
            return out;
        }
        Long first = m.floorKey(from);
        if (first == null || m.get(first) <= from) {
            first = m.higherKey(from);
        }
        if (first == null || first >= to) {
            return out;
        }
        List<long[]> hits = new ArrayList<>();
        for (Map.Entry<Long, Long> e : m.subMap(first, true, to, false).entrySet()) {
            hits.add(new long[] {e.getKey(), e.getValue()});
        }
        for (long[] h : hits) {
            m.remove(h[0]);
            long cs = Math.max(h[0], from);
            long ct = Math.min(h[1], to);
            if (cs < ct) {
                out.add(new long[] {cs, ct});
            }
            if (h[0] < cs) {
                m.put(h[0], cs);
            }
            if (h[1] > ct) {
                m.put(ct, h[1]);
            }
        }
        if (m.isEmpty()) {
            byIno.remove(ino);
        }
        return out;
    }

    /** Forgets everything at or past {@code size} (the file shrank). */
    void truncate(long ino, long size) {
        take(ino, size, Long.MAX_VALUE);
    }

    /** Forgets the inode (it was freed). */
    void drop(long ino) {
        byIno.remove(ino);
    }

    /** Inodes with pending ranges (close persists them all). */
    List<Long> inodes() {
        return new ArrayList<>(byIno.keySet());
    }

    boolean isEmpty() {
        return byIno.isEmpty();
    }
}
