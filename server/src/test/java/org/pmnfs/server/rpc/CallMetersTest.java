package org.pmnfs.server.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallMetersTest {

    /** Records which procedures were resolved, and hands out one observer per name. */
    private static final class Recording implements CallObserver {
        final List<String> resolved = new ArrayList<>();

        @Override
        public ProcedureObserver procedure(String program, String procedure) {
            String name = program + "/" + procedure;
            resolved.add(name);
            return new Named(name);
        }

        @Override
        public void replyCacheHit() {
        }

        @Override
        public void unserved(String reason) {
        }
    }

    private record Named(String name) implements CallObserver.ProcedureObserver {
        @Override
        public void served(long nanos, String failure) {
        }
    }

    @Test
    void everyProcedureOfEveryVersionIsResolvedOnceAtStart() {
        Recording observer = new Recording();
        CallMeters meters = new CallMeters(List.of(new TestProgram()), observer);
        // Versions 1 and 2, procedures 0..5 each, named "TEST.Pn": split at the last dot.
        assertEquals(12, observer.resolved.size());
        assertEquals("TEST/P0", observer.resolved.getFirst());

        CallObserver.ProcedureObserver echo = meters.of(TestProgram.NUMBER, 2, TestProgram.ECHO, "TEST.P1");
        assertEquals(new Named("TEST/P1"), echo);
        assertSame(echo, meters.of(TestProgram.NUMBER, 2, TestProgram.ECHO, "TEST.P1"), "no lookup per call");
        assertEquals(12, observer.resolved.size(), "serving calls resolves nothing more");
    }

    @Test
    void aProcedureBeyondTheScannedRangeIsResolvedPerCall() {
        Recording observer = new Recording();
        CallMeters meters = new CallMeters(List.of(new TestProgram()), observer);
        assertEquals(new Named("FAR/AWAY"), meters.of(TestProgram.NUMBER, 1, CallMeters.SCANNED_PROCEDURES + 7, "FAR.AWAY"));
        assertEquals(new Named("PLAIN/PLAIN"), meters.of(999, 1, 0, "PLAIN"));
    }
}
