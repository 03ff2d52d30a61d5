package org.pmnfs.server.rpc;

import java.util.Collection;

/**
 * The dispatcher's metrics hook: one {@link CallObserver.ProcedureObserver} per procedure of every
 * program, resolved when the server starts, so that finding the one a call needs is a short scan
 * of the program numbers and two array loads, with nothing looked up by label or allocated.
 */
final class CallMeters {

    /** Procedure numbers scanned at start; NFSv3 has 22, NLM 24. A higher one is resolved per call. */
    static final int SCANNED_PROCEDURES = 64;

    private final CallObserver observer;
    /** Program numbers, and per program [version - low][procedure] (null where none exists). */
    private final int[] programNumbers;
    private final int[] lowVersions;
    private final CallObserver.ProcedureObserver[][][] tables;

    CallMeters(Collection<RpcProgram> programs, CallObserver observer) {
        this.observer = observer;
        int n = programs.size();
        programNumbers = new int[n];
        lowVersions = new int[n];
        tables = new CallObserver.ProcedureObserver[n][][];
        int i = 0;
        for (RpcProgram p : programs) {
            programNumbers[i] = p.number();
            lowVersions[i] = p.lowVersion();
            tables[i] = new CallObserver.ProcedureObserver[p.highVersion() - p.lowVersion() + 1][];
            for (int v = p.lowVersion(); v <= p.highVersion(); v++) {
                CallObserver.ProcedureObserver[] row = new CallObserver.ProcedureObserver[SCANNED_PROCEDURES];
                for (int proc = 0; proc < SCANNED_PROCEDURES; proc++) {
                    String name = p.procedureName(v, proc);
                    if (name != null) {
                        row[proc] = resolve(name);
                    }
                }
                tables[i][v - p.lowVersion()] = row;
            }
            i++;
        }
    }

    CallObserver observer() {
        return observer;
    }

    /** False when nothing observes (metrics off): the dispatcher then reads no clock for a call. */
    boolean enabled() {
        return observer != CallObserver.NONE;
    }

    /**
     * The observer of a call to a procedure that exists ({@code name} is its
     * {@link RpcProgram#procedureName}).
     */
    CallObserver.ProcedureObserver of(int program, int version, int procedure, String name) {
        for (int i = 0; i < programNumbers.length; i++) {
            if (programNumbers[i] == program) {
                CallObserver.ProcedureObserver[] row = tables[i][version - lowVersions[i]];
                if (procedure >= 0 && procedure < row.length && row[procedure] != null) {
                    return row[procedure];
                }
                break;
            }
        }
        return resolve(name);
    }

    /** "NFS3.READ" is procedure READ of program NFS3; a name without a dot is its own program. */
    private CallObserver.ProcedureObserver resolve(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? observer.procedure(name, name) : observer.procedure(name.substring(0, dot), name.substring(dot + 1));
    }
}
