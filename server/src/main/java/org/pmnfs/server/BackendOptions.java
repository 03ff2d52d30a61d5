package org.pmnfs.server;

import java.util.Objects;

/**
 * What the command line says about the backend. The PMEM backend will add its device path
 * ({@code --device PATH}) and the key-value backend its directory ({@code --kv-dir DIR}) here.
 *
 * @param kind which store to open
 */
record BackendOptions(BackendKind kind) {
    BackendOptions {
        Objects.requireNonNull(kind, "kind");
    }
}
