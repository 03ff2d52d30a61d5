package org.pmnfs.server.mount;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who has mounted what, for DUMP: added by MNT, removed by UMNT and UMNTALL. Advisory only (as in
 * every mountd): clients that vanish without UMNT stay listed until the server restarts.
 */
final class MountTable {

    /** One mount: the client's address and the path it mounted. */
    record Mount(String host, String path) {}

    private final Set<Mount> mounts = ConcurrentHashMap.newKeySet();

    void add(String host, String path) {
        mounts.add(new Mount(host, path));
    }

    void remove(String host, String path) {
        mounts.remove(new Mount(host, path));
    }

    void removeHost(String host) {
        mounts.removeIf(m -> m.host().equals(host));
    }

    List<Mount> list() {
        return mounts.stream().sorted(Comparator.comparing(Mount::host).thenComparing(Mount::path)).toList();
    }
}
