package org.pmnfs.server;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What the command line says about the backend. A null field was not given; each backend checks
 * that only its own options are set.
 *
 * @param kind        which store to open
 * @param device      pmem backend: the pool ({@code --device}); null means ./pmnfs.pool
 * @param poolSize    pmem backend: size of a pool created because it is missing ({@code --size})
 * @param memorySize  memory backend: capacity in bytes ({@code --memory-size})
 * @param kvDir       kv backend: the store directory ({@code --kv-dir})
 * @param chunkSize   kv backend: bytes per chunk object of a new store ({@code --chunk-size})
 * @param dirtyLimit  kv backend: bytes of UNSTABLE data held until COMMIT ({@code --dirty-limit})
 * @param kvEngine    kv backend: {@code rocksdb} or {@code etcd} ({@code --kv-engine}); null means rocksdb
 * @param etcdEndpoints kv backend, etcd engine: comma-separated client URLs ({@code --etcd-endpoints})
 * @param kvNamespace kv backend, etcd engine: the store's namespace in the cluster ({@code --kv-namespace})
 * @param etcdQuota   kv backend, etcd engine: the quota to assume when no member reports it ({@code --etcd-quota})
 */
record BackendOptions(BackendKind kind, Path device, Long poolSize, Long memorySize, Path kvDir, Long chunkSize,
                      Long dirtyLimit, String kvEngine, String etcdEndpoints, String kvNamespace, Long etcdQuota) {

    BackendOptions {
        Objects.requireNonNull(kind, "kind");
    }

    static BackendOptions of(BackendKind kind) {
        return new BackendOptions(kind, null, null, null, null, null, null, null, null, null, null);
    }
}
