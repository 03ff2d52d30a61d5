package org.pmnfs.vfs;

/**
 * Weak cache consistency data for one object a call changed: its attributes just before and just
 * after the change (wcc_data, RFC 1813 section 2.6). Either side may be null when unknown, which
 * costs the client a GETATTR, so backends fill both when they can.
 */
public record WccData(WccAttr before, FileAttributes after) {

    /** No information: the client must revalidate. */
    public static final WccData NONE = new WccData(null, null);

    public static WccData of(FileAttributes before, FileAttributes after) {
        return new WccData(before == null ? null : before.toWccAttr(), after);
    }
}
