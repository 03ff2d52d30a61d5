package org.pmnfs.server;

import java.io.IOException;
import org.pmnfs.server.memory.MemoryBackend;
import org.pmnfs.server.memory.MemoryBackendConfig;
import org.pmnfs.vfs.FileSystemBackend;

/**
 * Opens the backend {@code --backend} names. The extension point for new stores: one case per
 * {@link BackendKind}, each validating its own options with messages that name the option.
 */
final class BackendFactory {

    private BackendFactory() {}

    /** Opens the store; the caller owns (and closes) what is returned. */
    static FileSystemBackend create(BackendOptions options) throws IOException {
        return switch (options.kind()) {
            case MEMORY -> new MemoryBackend(MemoryBackendConfig.defaults());
        };
    }
}
