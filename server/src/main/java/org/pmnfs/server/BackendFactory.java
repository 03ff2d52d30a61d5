package org.pmnfs.server;

import java.io.IOException;
import org.pmnfs.kv.KvBackend;
import org.pmnfs.kv.KvConfig;
import org.pmnfs.server.memory.MemoryBackend;
import org.pmnfs.server.memory.MemoryBackendConfig;
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
            case MEMORY -> {
                only(o, "--kv-dir", o.kvDir(), "--chunk-size", o.chunkSize(), "--dirty-limit", o.dirtyLimit());
                MemoryBackendConfig c = MemoryBackendConfig.defaults();
                yield new MemoryBackend(o.memorySize() == null ? c : c.withCapacityBytes(o.memorySize()));
            }
            case KV -> {
                only(o, "--memory-size", o.memorySize());
                if (o.kvDir() == null) {
                    throw new IllegalArgumentException("--backend kv needs --kv-dir DIR (created and formatted when missing or empty)");
                }
                KvConfig c = KvConfig.defaults(o.kvDir());
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

    /** Refuses options (name, value pairs) that were given but belong to another backend. */
    private static void only(BackendOptions o, Object... namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                throw new IllegalArgumentException(namesAndValues[i] + " does not apply to --backend " + o.kind());
            }
        }
    }
}
