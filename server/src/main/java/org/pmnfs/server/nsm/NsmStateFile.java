package org.pmnfs.server.nsm;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.pmnfs.server.nlm.ClientHost;
import org.pmnfs.server.portmap.mapping;

/**
 * The file that holds {@link NsmState}, a few lines of text, replaced whole and crash-safely on
 * every change: written beside itself, fsynced, renamed over the old one, and the directory
 * fsynced, so after a crash the file is the old or the new one, never a mix.
 *
 * <pre>
 * pmnfs-nsm 1                      format and version
 * state 7                          the NSM state number
 * boot 0f5c...                     the machine's boot id when written
 * client NAME ADDRESS              a client host that may hold locks (NAME URL-encoded)
 * monitor MON MY PROG VERS PROC PRIV   an SM_MON registration (names URL-encoded, PRIV 32 hex digits)
 * local PROG VERS PROT PORT        a local portmap registration
 * </pre>
 */
public final class NsmStateFile {

    /** The first line, naming the format and its version. */
    static final String MAGIC = "pmnfs-nsm";
    static final int VERSION = 1;
    /** A state file is small; anything bigger is not ours (or is damaged). */
    static final long MAX_BYTES = 16L << 20;

    private NsmStateFile() {}

    /** Reads {@code file}; an empty state when it does not exist. Damage is an IOException naming the line. */
    public static NsmState read(Path file, String bootIdIfMissing) throws IOException {
        List<String> lines;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IOException(file + ": " + Files.size(file) + " bytes, more than an NSM state file can be ("
                        + MAX_BYTES + "); is it the right file?");
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return NsmState.empty(bootIdIfMissing);
        }
        if (lines.isEmpty() || !lines.get(0).equals(MAGIC + " " + VERSION)) {
            throw new IOException(file + ":1: not a pmnfs NSM state file of version " + VERSION + " (it starts with '"
                    + (lines.isEmpty() ? "" : abbreviate(lines.get(0))) + "')");
        }
        int state = 0;
        String boot = bootIdIfMissing;
        List<ClientHost> clients = new ArrayList<>();
        List<Monitor> monitors = new ArrayList<>();
        List<mapping> locals = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            String[] w = line.split(" ");
            try {
                switch (w[0]) {
                    case "state" -> state = Integer.parseInt(arity(w, 2)[1]);
                    case "boot" -> boot = arity(w, 2)[1];
                    case "client" -> clients.add(new ClientHost(decode(arity(w, 3)[1]), address(w[2])));
                    case "monitor" -> monitors.add(new Monitor(decode(arity(w, 7)[1]), decode(w[2]), Integer.parseInt(w[3]),
                            Integer.parseInt(w[4]), Integer.parseInt(w[5]), HexFormat.of().parseHex(w[6])));
                    case "local" -> locals.add(new mapping(Integer.parseInt(arity(w, 5)[1]), Integer.parseInt(w[2]),
                            Integer.parseInt(w[3]), Integer.parseInt(w[4])));
                    case "" -> { }
                    default -> throw new IllegalArgumentException("unknown entry '" + w[0] + "'");
                }
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ":" + (i + 1) + ": cannot read '" + abbreviate(line) + "': " + e.getMessage(), e);
            }
        }
        return new NsmState(state, boot, clients, monitors, locals);
    }

    /**
     * Replaces {@code file} with {@code s}.
     * 1. Write FILE.tmp in full and fsync it: a crash now leaves FILE as it was (and a stray .tmp,
     *    overwritten next time).
     * 2. Rename FILE.tmp over FILE (atomic within a file system): a crash now finds the old or the
     *    new FILE, depending on whether the rename reached the directory.
     * 3. fsync the directory: from here the new FILE survives power loss.
     */
    public static void write(Path file, NsmState s) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        byte[] bytes = format(s).getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    static String format(NsmState s) {
        StringBuilder b = new StringBuilder();
        b.append(MAGIC).append(' ').append(VERSION).append('\n');
        b.append("state ").append(s.state()).append('\n');
        b.append("boot ").append(s.bootId()).append('\n');
        for (ClientHost c : s.clients()) {
            b.append("client ").append(encode(c.name())).append(' ').append(c.address().getHostAddress()).append('\n');
        }
        for (Monitor m : s.monitors()) {
            b.append("monitor ").append(encode(m.monName())).append(' ').append(encode(m.myName())).append(' ')
                    .append(m.prog()).append(' ').append(m.vers()).append(' ').append(m.proc()).append(' ')
                    .append(HexFormat.of().formatHex(m.priv())).append('\n');
        }
        for (mapping m : s.locals()) {
            b.append("local ").append(m.prog).append(' ').append(m.vers).append(' ').append(m.prot).append(' ')
                    .append(m.port).append('\n');
        }
        return b.toString();
    }

    private static String[] arity(String[] words, int n) {
        if (words.length != n) {
            throw new IllegalArgumentException(n - 1 + " fields expected, found " + (words.length - 1));
        }
        return words;
    }

    /** Names are URL-encoded so that spaces and newlines in a client's name cannot break the file. */
    private static String encode(String name) {
        return name.isEmpty() ? "%" : URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    private static String decode(String word) {
        return word.equals("%") ? "" : URLDecoder.decode(word, StandardCharsets.UTF_8);
    }

    private static InetAddress address(String literal) {
        if (!literal.matches("[0-9a-fA-F:.%]+")) {
            throw new IllegalArgumentException("'" + literal + "' is not an IP address");
        }
        try {
            return InetAddress.getByName(literal); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + literal + "' is not an IP address", e);
        }
    }

    private static String abbreviate(String line) {
        return line.length() <= 80 ? line : line.substring(0, 80) + "...";
    }
}
