package org.pmnfs.server.rpc;

import org.glassfish.grizzly.Buffer;

/**
 * One complete RPC record cut from a TCP stream by {@link RecordMarkingFilter}, and whether more
 * bytes of the stream (the start of the next record, or all of it) arrived behind it.
 */
record StreamRecord(Buffer bytes, boolean followed) {}
