package org.pmnfs.server;

import java.io.PrintWriter;

/** A one-line progress bar redrawn in place with '\r', for long work on a terminal. */
final class ProgressBar {

    private static final int WIDTH = 30;
    /** Redraw at most this often, so a fast phase does not flood the terminal. */
    private static final long MIN_REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private long lastDraw;
    private boolean drawn;

    private ProgressBar(PrintWriter err) {
        this.err = err;
    }

    /** A bar on {@code err} when the process has a terminal, else null (logs and pipes get no bar). */
    static ProgressBar onTerminal(PrintWriter err) {
        return System.console() != null && System.console().isTerminal() ? new ProgressBar(err) : null;
    }

    void update(String phase, long done, long total) {
        long now = System.nanoTime();
        if (drawn && now - lastDraw < MIN_REDRAW_NANOS && done < total) {
            return;
        }
        lastDraw = now;
        drawn = true;
        int filled = total <= 0 ? WIDTH : (int) Math.min(WIDTH, done * WIDTH / total);
        long percent = total <= 0 ? 100 : Math.min(100, done * 100 / total);
        err.print("\r" + String.format("%-12s [%s%s] %3d%%", phase, "#".repeat(filled), " ".repeat(WIDTH - filled), percent));
        err.flush();
    }

    /** Ends the bar's line. */
    void finish() {
        if (drawn) {
            err.println();
            err.flush();
        }
    }
}
