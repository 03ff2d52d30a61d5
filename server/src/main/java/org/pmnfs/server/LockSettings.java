package org.pmnfs.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the lock manager (NLM) and status monitor (NSM) run: the grace period after a restart in
 * which clients reclaim their locks, the file that keeps the NSM state across restarts (null: in
 * memory only, so clients are not told to reclaim after a restart), the port NLM and NSM
 * listen on (TCP and UDP; 0: any free port, published by the portmapper), and the port where
 * clients' portmappers answer when pmnfs calls them back (111; tests put a client's elsewhere).
 */
public record LockSettings(Duration grace, Path nsmFile, int port, int peerPortmapPort) {

    /** Where portmappers answer (RFC 1833). */
    public static final int PORTMAP_PORT = 111;

    /** Linux lockd's default grace period (fs/lockd/svc.c: nlm_grace_period, 90 s by default). */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(90);
    /** The longest grace period accepted: an hour. */
    public static final Duration MAX_GRACE = Duration.ofHours(1);

    /** What the NSM file of a pool or store is called: the store's name plus this. */
    public static final String NSM_SUFFIX = ".nsm";

    public LockSettings {
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
            throw new IllegalArgumentException("grace: 0 to " + MAX_GRACE.toSeconds() + " s, got " + grace.toSeconds());
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: 0..65535, got " + port);
        }
        if (peerPortmapPort < 1 || peerPortmapPort > 65535) {
            throw new IllegalArgumentException("peerPortmapPort: 1..65535, got " + peerPortmapPort);
        }
    }

    /** The default grace, no NSM file (tests, the memory backend), any port. */
    public static LockSettings inMemory() {
        return new LockSettings(DEFAULT_GRACE, null, 0, PORTMAP_PORT);
    }

    public LockSettings withGrace(Duration newGrace) {
        return new LockSettings(newGrace, nsmFile, port, peerPortmapPort);
    }

    public LockSettings withNsmFile(Path newFile) {
        return new LockSettings(grace, newFile, port, peerPortmapPort);
    }

    public LockSettings withPort(int newPort) {
        return new LockSettings(grace, nsmFile, newPort, peerPortmapPort);
    }

    public LockSettings withPeerPortmapPort(int newPort) {
        return new LockSettings(grace, nsmFile, port, newPort);
    }

    /**
     * The NSM file beside an open store: POOL.nsm for a pool that is a regular file, KVDIR.nsm
     * beside a kv store directory; null for RAM and for device nodes (device-DAX), whose
     * directory (/dev) is not kept across reboots.
     */
    static Path besideStore(BackendOptions o) {
        Path store = switch (o.kind()) {
            case PMEM -> o.device() == null ? org.pmnfs.pmem.PmemConfig.DEFAULT_DEVICE : o.device();
            case KV -> o.kvDir();
            default -> null;
        };
        if (store == null) {
            return null;
        }
        Path abs = store.toAbsolutePath().normalize();
        boolean kept = o.kind() == BackendKind.KV ? Files.isDirectory(abs) : Files.isRegularFile(abs);
        if (!kept || abs.getFileName() == null) {
            return null;
        }
        return abs.resolveSibling(abs.getFileName() + NSM_SUFFIX);
    }
}
