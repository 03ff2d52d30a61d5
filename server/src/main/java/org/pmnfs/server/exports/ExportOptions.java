package org.pmnfs.server.exports;

import java.util.Arrays;
import java.util.Objects;
import org.pmnfs.vfs.Credentials;

/**
 * What one client rule of an export allows (exports(5) options).
 *
 * @param readOnly true for {@code ro}: every modifying call fails with NFS3ERR_ROFS
 * @param squash   how caller ids are mapped
 * @param anonUid  the uid squashed callers get ({@code anonuid}, default 65534)
 * @param anonGid  the gid squashed callers get ({@code anongid}, default 65534)
 * @param secure   true for {@code secure}: requests must come from a port below 1024
 */
public record ExportOptions(boolean readOnly, Squash squash, int anonUid, int anonGid, boolean secure) {

    /** nobody/nogroup on Debian, as nfsd uses. */
    public static final int DEFAULT_ANON_ID = 65534;

    /** exports(5) defaults when a line names no options: ro, root_squash, secure. */
    public static final ExportOptions EXPORTS_DEFAULTS = new ExportOptions(true, Squash.ROOT, DEFAULT_ANON_ID, DEFAULT_ANON_ID, true);

    public ExportOptions {
        Objects.requireNonNull(squash, "squash");
    }

    /** Highest port a {@code secure} export accepts requests from. */
    public static final int MAX_SECURE_PORT = 1023;

    /** True when a request from {@code clientPort} is allowed by the secure/insecure option. */
    public boolean permitsPort(int clientPort) {
        return !secure || clientPort <= MAX_SECURE_PORT;
    }

    /** These options as an exports file would spell them out, e.g. "rw,root_squash,secure". */
    public String describe() {
        StringBuilder b = new StringBuilder(readOnly ? "ro" : "rw");
        b.append(switch (squash) {
            case NONE -> ",no_root_squash";
            case ROOT -> ",root_squash";
            case ALL -> ",all_squash";
        });
        b.append(secure ? ",secure" : ",insecure");
        if (squash != Squash.NONE && (anonUid != DEFAULT_ANON_ID || anonGid != DEFAULT_ANON_ID)) {
            b.append(",anonuid=").append(anonUid).append(",anongid=").append(anonGid);
        }
        return b.toString();
    }

    /** The identity a caller gets under this rule's squash setting. */
    public Credentials credentialsFor(int uid, int gid, int[] groups) {
        return switch (squash) {
            case NONE -> new Credentials(uid, gid, groups);
            case ALL -> new Credentials(anonUid, anonGid, new int[0]);
            case ROOT -> new Credentials(uid == 0 ? anonUid : uid, gid == 0 ? anonGid : gid,
                    Arrays.stream(groups).map(g -> g == 0 ? anonGid : g).toArray());
        };
    }
}
