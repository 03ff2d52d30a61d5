package org.pmnfs.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pmnfs.kv.EtcdSettings;
import org.pmnfs.kv.KvBackend;
import org.pmnfs.kv.KvConfig;
import org.pmnfs.pmem.PmemBackend;
import org.pmnfs.pmem.PmemConfig;
import org.pmnfs.memory.MemoryBackend;
import org.pmnfs.memory.MemoryBackendConfig;
import org.pmnfs.vfs.FileSystemBackend;

/**
 * Opens the backend {@code --backend} names. The extension point for new stores: one case per
 * {@link BackendKind}, each validating its own options with messages that name the option.
 */
final class BackendFactory {

    private BackendFactory() {}

    /**
     * Opens the store; the caller owns (and closes) what is returned. Options of another backend
     * are an IllegalArgumentException naming the option.
     */
    static FileSystemBackend create(BackendOptions o) throws IOException {
        return switch (o.kind()) {
            case PMEM -> {
                only(o, "--memory-size", o.memorySize(), "--kv-dir", o.kvDir(), "--chunk-size", o.chunkSize(),
                        "--dirty-limit", o.dirtyLimit(), "--kv-engine", o.kvEngine(), "--etcd-endpoints", o.etcdEndpoints(),
                        "--kv-namespace", o.kvNamespace(), "--etcd-quota", o.etcdQuota());
                yield PmemBackend.open(pmemConfig(o));
            }
            case MEMORY -> {
                only(o, "--device", o.device(), "--size", o.poolSize(), "--kv-dir", o.kvDir(), "--chunk-size",
                        o.chunkSize(), "--dirty-limit", o.dirtyLimit(), "--kv-engine", o.kvEngine(), "--etcd-endpoints",
                        o.etcdEndpoints(), "--kv-namespace", o.kvNamespace(), "--etcd-quota", o.etcdQuota());
                MemoryBackendConfig c = MemoryBackendConfig.defaults();
                yield new MemoryBackend(o.memorySize() == null ? c : c.withCapacityBytes(o.memorySize()));
            }
            case KV -> {
                only(o, "--device", o.device(), "--size", o.poolSize(), "--memory-size", o.memorySize());
                KvConfig c = kvLocation(o);
                if (o.chunkSize() != null) {
                    c = c.withChunkSize(Math.toIntExact(Math.min(o.chunkSize(), Integer.MAX_VALUE)));
                }
                if (o.dirtyLimit() != null) {
                    c = c.withDirtyLimitBytes(o.dirtyLimit());
                }
                yield KvBackend.open(c);
            }
        };
    }

    /** Where a kv store lives: --kv-dir for RocksDB, --etcd-endpoints (and --kv-namespace) for etcd. */
    private static KvConfig kvLocation(BackendOptions o) {
        String engine = o.kvEngine() == null ? "rocksdb" : o.kvEngine().toLowerCase(java.util.Locale.ROOT);
        switch (engine) {
            case "rocksdb" -> {
                if (o.etcdEndpoints() != null || o.kvNamespace() != null || o.etcdQuota() != null) {
                    throw new IllegalArgumentException((o.etcdEndpoints() != null ? "--etcd-endpoints"
                            : o.kvNamespace() != null ? "--kv-namespace" : "--etcd-quota") + " needs --kv-engine etcd");
                }
                if (o.kvDir() == null) {
                    throw new IllegalArgumentException("--backend kv needs --kv-dir DIR (created and formatted when missing or empty),"
                            + " or --kv-engine etcd --etcd-endpoints URL,...");
                }
                return KvConfig.defaults(o.kvDir());
            }
            case "etcd" -> {
                if (o.kvDir() != null) {
                    throw new IllegalArgumentException("--kv-dir does not apply to --kv-engine etcd (the store lives in the cluster)");
                }
                if (o.etcdEndpoints() == null) {
                    throw new IllegalArgumentException("--kv-engine etcd needs --etcd-endpoints http://HOST:PORT,...");
                }
                EtcdSettings e = EtcdSettings.of(o.etcdEndpoints());
                if (o.kvNamespace() != null) {
                    e = e.withNamespace(o.kvNamespace());
                }
                if (o.etcdQuota() != null) {
                    if (o.etcdQuota() < 1 || o.etcdQuota() > EtcdSettings.MAX_QUOTA_BYTES) {
                        throw new IllegalArgumentException("--etcd-quota: " + o.etcdQuota() + " bytes is outside 1.."
                                + EtcdSettings.MAX_QUOTA_BYTES + " (etcd's largest quota, 8G)");
                    }
                    e = e.withQuotaBytes(o.etcdQuota());
                }
                return KvConfig.defaults(e);
            }
            default -> throw new IllegalArgumentException("--kv-engine: unknown engine '" + o.kvEngine() + "' (choose from: rocksdb, etcd)");
        }
    }

    /**
     * The default pool ./pmnfs.pool is created (1 GiB, or --size) when missing, so 'pmnfs serve'
     * just works. A pool named with --device is created only when --size is given too: a typo in a
     * path must not quietly serve a fresh, empty file system.
     */
    private static PmemConfig pmemConfig(BackendOptions o) {
        Path device = o.device() == null ? PmemConfig.DEFAULT_DEVICE : o.device();
        PmemConfig config = PmemConfig.of(device);
        if (o.poolSize() != null) {
            return config.withCreateIfMissing(o.poolSize());
        }
        if (o.device() == null) {
            return config.withCreateIfMissing(PmemConfig.DEFAULT_CREATE_SIZE);
        }
        if (!Files.exists(device)) {
            throw new IllegalArgumentException("no pool at " + device + ": create one with 'pmnfs mkfs --device "
                    + device + " --size 4G', or add --size to serve to create it");
        }
        return config;
    }

    /** Refuses options (name, value pairs) that were given but belong to another backend. */
    private static void only(BackendOptions o, Object... namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                throw new IllegalArgumentException(namesAndValues[i] + " does not apply to --backend " + o.kind());
            }
        }
    }
}
