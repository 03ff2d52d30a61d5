package org.pmnfs.server.exports;

import java.util.Set;

/** Reads the option list inside an exports(5) entry's parentheses, on top of the exports defaults. */
final class ExportOptionsParser {

    /** Options nfsd knows that have no effect here; accepted so existing files keep working. */
    static final Set<String> IGNORED = Set.of("sync", "async", "subtree_check", "no_subtree_check", "wdelay",
            "no_wdelay", "hide", "nohide", "crossmnt", "nocrossmnt", "no_acl", "acl", "secure_locks",
            "insecure_locks", "auth_nlm", "no_auth_nlm", "sec=sys");

    private ExportOptionsParser() {}

    /** Parses {@code "rw,no_root_squash,anonuid=1000"}; throws IllegalArgumentException naming the bad option. */
    static ExportOptions parse(String list, ExportOptions base) {
        boolean readOnly = base.readOnly();
        Squash squash = base.squash();
        int anonUid = base.anonUid();
        int anonGid = base.anonGid();
        boolean secure = base.secure();
        if (list.isBlank()) {
            return base;
        }
        for (String raw : list.split(",", -1)) {
            String opt = raw.strip();
            switch (opt) {
                case "rw" -> readOnly = false;
                case "ro" -> readOnly = true;
                case "root_squash" -> squash = squash == Squash.ALL ? Squash.ALL : Squash.ROOT;
                case "no_root_squash" -> squash = squash == Squash.ALL ? Squash.ALL : Squash.NONE;
                case "all_squash" -> squash = Squash.ALL;
                case "no_all_squash" -> squash = squash == Squash.ALL ? Squash.ROOT : squash;
                case "secure" -> secure = true;
                case "insecure" -> secure = false;
                case "" -> throw new IllegalArgumentException("empty option in '(" + list + ")'");
                default -> {
                    if (opt.startsWith("anonuid=")) {
                        anonUid = id(opt);
                    } else if (opt.startsWith("anongid=")) {
                        anonGid = id(opt);
                    } else if (IGNORED.contains(opt) || opt.startsWith("fsid=")) {
                        continue;
                    } else if (opt.startsWith("sec=")) {
                        throw new IllegalArgumentException("'" + opt + "': only sec=sys (AUTH_SYS) is supported");
                    } else {
                        throw new IllegalArgumentException("unknown option '" + opt
                                + "' (known: rw, ro, root_squash, no_root_squash, all_squash, no_all_squash, "
                                + "anonuid=N, anongid=N, secure, insecure)");
                    }
                }
            }
        }
        return new ExportOptions(readOnly, squash, anonUid, anonGid, secure);
    }

    private static int id(String opt) {
        String value = opt.substring(opt.indexOf('=') + 1);
        try {
            long v = Long.parseLong(value);
            if (v < 0 || v > 0xFFFF_FFFFL) {
                throw new NumberFormatException();
            }
            return (int) v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + opt + "': the id must be a number 0..4294967295");
        }
    }
}
