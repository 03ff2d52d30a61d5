package org.pmnfs.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGHUP as "reload" (what {@code systemctl reload} and {@code kill -HUP} send), instead of the
 * JVM's default, which shuts down. The JDK has no public API for signals; {@code sun.misc.Signal}
 * (module jdk.unsupported, kept for this use) is the one way. The handler runs on a thread the
 * JVM starts per signal, so a slow reload never blocks anything else.
 */
final class HangupSignal {

    private static final Logger LOG = LoggerFactory.getLogger(HangupSignal.class);

    private HangupSignal() {}

    /** Runs {@code onHangup} on every SIGHUP from now on; false (and a WARN) if the JVM refuses. */
    static boolean handle(Runnable onHangup) {
        try {
            Signal.handle(new Signal("HUP"), signal -> {
                LOG.info("SIGHUP: reloading the exports");
                onHangup.run();
            });
            return true;
        } catch (IllegalArgumentException e) {
            // -Xrs, or a platform without SIGHUP
            LOG.warn("SIGHUP cannot be handled here ({}); restart the server to change its exports", e.getMessage());
            return false;
        }
    }
}
