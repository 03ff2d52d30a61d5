package org.pmnfs.server.nlm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This machine's name (the caller_name pmnfs puts in its GRANTED callbacks and the mon_name of its
 * SM_NOTIFY, as Linux uses the node name) and the id of its current boot (to tell a pmnfs restart
 * from a machine reboot), read from Linux's /proc.
 */
public final class MachineIdentity {

    private static final Path HOSTNAME = Path.of("/proc/sys/kernel/hostname");
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

    private MachineIdentity() {}

    /** The node name; "localhost" when it cannot be read. */
    public static String name() {
        String n = read(HOSTNAME);
        return n.isEmpty() ? "localhost" : n;
    }

    /** The boot id; "unknown" off Linux (then every start looks like the same boot). */
    public static String bootId() {
        String id = read(BOOT_ID);
        return id.isEmpty() ? "unknown" : id;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.US_ASCII).trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
