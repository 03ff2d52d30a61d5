package org.pmnfs.server.nlm;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongSupplier;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileSystemBackend;

/**
 * What {@code pmnfs locks} prints: the NSM state, the grace period, the client hosts recorded for
 * recovery and a table of every lock, share reservation and waiting request, with the file's
 * inode number (for {@code find -inum}) and each owner's host, svid and owner handle.
 */
public final class LockReport {

    private LockReport() {}

    /** The report text; {@code clients} are the hosts in the NSM list, {@code nsmFile} where they are kept. */
    public static String render(LockManager manager, FileSystemBackend backend, int nsmState, String nsmFile,
                                List<ClientHost> clients, LongSupplier nanoClock) {
        StringBuilder b = new StringBuilder();
        Duration grace = manager.grace().left();
        b.append("NSM state ").append(nsmState).append(", kept in ").append(nsmFile).append('\n');
        b.append("grace period: ").append(grace.isZero() ? "over (new locks are granted)"
                : grace.toSeconds() + " s left (only reclaims are granted)").append('\n');
        b.append("client hosts recorded for recovery: ").append(clients.isEmpty() ? "none" : clients.toString()).append('\n');
        List<String[]> rows = new ArrayList<>();
        long now = nanoClock.getAsLong();
        for (LockManager.FileEntry f : manager.snapshot()) {
            String file = fileName(backend, f.file());
            for (HeldLock l : f.locks()) {
                boolean unconfirmed = f.unconfirmed().stream().anyMatch(g -> g.owner().equals(l.owner()) && l.range().contains(g.range()));
                rows.add(new String[] {file, l.exclusive() ? "exclusive" : "shared", l.range().toString(), owner(l.owner()),
                        unconfirmed ? "granted, client not yet told" : "held"});
            }
            for (HeldShare s : f.shares()) {
                rows.add(new String[] {file, "share", "access " + bits(s.access()) + " deny " + bits(s.mode()), owner(s.owner()), "held"});
            }
            for (LockManager.Waiter w : f.waiters()) {
                Grant g = w.request();
                rows.add(new String[] {file, g.exclusive() ? "exclusive" : "shared", g.range().toString(), owner(g.owner()),
                        "waiting " + Duration.ofNanos(now - w.sinceNanos()).toSeconds() + " s"});
            }
        }
        if (rows.isEmpty()) {
            b.append("no locks\n");
            return b.toString();
        }
        String[] head = {"FILE", "TYPE", "RANGE", "OWNER", "STATE"};
        int[] width = new int[head.length];
        for (int i = 0; i < head.length; i++) {
            width[i] = head[i].length();
            for (String[] r : rows) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        line(b, head, width);
        rows.sort((x, y) -> x[0].compareTo(y[0]));
        for (String[] r : rows) {
            line(b, r, width);
        }
        return b.toString();
    }

    private static String fileName(FileSystemBackend backend, FileHandle f) {
        try {
            return "inode " + backend.getattr(f).fileId();
        } catch (IOException | RuntimeException e) {
            return "gone (handle " + HexFormat.of().formatHex(f.bytes()) + ")";
        }
    }

    private static String owner(LockOwner o) {
        return o.host() + " svid " + o.svid() + " (" + o.handleText() + ")";
    }

    private static String bits(int b) {
        return b == 0 ? "none" : ((b & 1) != 0 ? "r" : "") + ((b & 2) != 0 ? "w" : "");
    }

    private static void line(StringBuilder b, String[] cells, int[] width) {
        for (int i = 0; i < cells.length; i++) {
            b.append(cells[i]);
            if (i < cells.length - 1) {
                b.append(" ".repeat(width[i] - cells[i].length() + 2));
            }
        }
        b.append('\n');
    }
}
