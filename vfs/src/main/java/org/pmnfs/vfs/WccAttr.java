package org.pmnfs.vfs;

/** The attributes a client compares before and after a change (wcc_attr, RFC 1813 section 2.6). */
public record WccAttr(long size, long mtimeNanos, long ctimeNanos) {
    public WccAttr {
        if (size < 0) {
            throw new IllegalArgumentException("size: negative " + size);
        }
    }
}
