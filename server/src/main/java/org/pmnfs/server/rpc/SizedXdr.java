package org.pmnfs.server.rpc;

import org.dcache.oncrpc4j.xdr.XdrAble;

/** A reply body that knows its encoded size, so its reply buffer is allocated once at the right size. */
public interface SizedXdr extends XdrAble {

    /** Bytes this body encodes to (an upper bound is fine). */
    int encodedSize();
}
