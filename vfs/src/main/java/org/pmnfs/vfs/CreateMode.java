package org.pmnfs.vfs;

/** How CREATE treats an existing name (createmode3, RFC 1813 section 3.3.8). */
public enum CreateMode {
    /** An existing regular file is fine: it is returned (and its size changed if asked). */
    UNCHECKED(0),
    /** NFS3ERR_EXIST if the name exists. */
    GUARDED(1),
    /**
     * Store the client's 8-byte verifier with the new file; a retransmission with the same
     * verifier finds the file and succeeds, any other existing object gives NFS3ERR_EXIST.
     */
    EXCLUSIVE(2);

    private final int code;

    CreateMode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static CreateMode ofCode(int code) {
        return switch (code) {
            case 0 -> UNCHECKED;
            case 1 -> GUARDED;
            case 2 -> EXCLUSIVE;
            default -> null;
        };
    }
}
