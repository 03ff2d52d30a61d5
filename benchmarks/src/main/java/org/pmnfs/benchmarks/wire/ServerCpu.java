package org.pmnfs.benchmarks.wire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A server process's CPU time from /proc/PID/stat (utime and stime, in USER_HZ ticks, which is
 * 100 per second on Linux for every architecture that matters here), and the machine's load.
 */
final class ServerCpu {

    private static final double TICK_SECONDS = 0.01;

    private ServerCpu() {}

    /** User and system seconds of a process at one moment; {@code known} is false without a pid. */
    record Reading(boolean known, double user, double system) {
        /** CPU microseconds per operation between {@code earlier} and this reading: user, system. */
        double[] perOp(Reading earlier, long ops) {
            if (!known || !earlier.known || ops == 0) {
                return new double[] {Double.NaN, Double.NaN};
            }
            return new double[] {(user - earlier.user) * 1e6 / ops, (system - earlier.system) * 1e6 / ops};
        }
    }

    static Reading read(int pid) {
        if (pid <= 0) {
            return new Reading(false, 0, 0);
        }
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // Fields after the command name, which may hold spaces, start after its ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            // f[0] is field 3 (state): utime is field 14, stime field 15.
            return new Reading(true, Long.parseLong(f[11]) * TICK_SECONDS, Long.parseLong(f[12]) * TICK_SECONDS);
        } catch (IOException | RuntimeException e) {
            return new Reading(false, 0, 0);
        }
    }

    /** The one-minute load average. */
    static double load() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
