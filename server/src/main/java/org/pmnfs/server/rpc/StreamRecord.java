package org.pmnfs.server.rpc;

import org.glassfish.grizzly.Buffer;

/** One complete RPC record cut from a TCP stream by {@link RecordMarkingFilter}. */
record StreamRecord(Buffer bytes) {}
