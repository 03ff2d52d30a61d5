package org.pmnfs.kv;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import org.pmnfs.vfs.JukeboxException;

/**
 * Runs a backend call again when its conditional batch lost to another server's change
 * ({@link KvConflictException}): the call re-reads everything it depends on, so a retry decides
 * afresh (a create that lost the race for a name now finds it and answers EXIST). Backs off with
 * jitter; after {@link #MAX_ATTEMPTS} losses the client gets NFS3ERR_JUKEBOX and retries later.
 * On an exclusive store conflicts never happen and this adds nothing.
 */
final class ConflictRetry {

    /** Attempts before giving up: two servers hammering one directory need a handful at most. */
    static final int MAX_ATTEMPTS = 64;
    /** The longest back-off between attempts, in milliseconds. */
    private static final int MAX_BACKOFF_MILLIS = 50;

    /** One backend call. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws IOException;
    }

    private ConflictRetry() {}

    static <T> T run(String what, Call<T> call) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (KvConflictException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw new JukeboxException(what + ": lost to other servers' changes " + attempt + " times in a row; retry later", e);
                }
                backOff(attempt);
            }
        }
    }

    private static void backOff(int attempt) throws JukeboxException {
        int bound = Math.min(MAX_BACKOFF_MILLIS, 1 << Math.min(attempt, 6));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(bound) + 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JukeboxException("interrupted while retrying after a conflict", e);
        }
    }
}
