package org.pmnfs.kv;

import java.io.IOException;

/**
 * A conditional batch was not applied: a key it depends on was changed by another server since it
 * was read. The operation reads again and retries; nothing was written.
 */
final class KvConflictException extends IOException {

    KvConflictException(String message) {
        super(message);
    }
}
