package org.pmnfs.pmem;

import java.util.List;

/**
 * What fsck found and did. {@link #exitStatus()} follows e2fsck: 0 clean, 1 problems found and
 * all repaired, 4 problems left (run with --repair, or they cannot be repaired).
 *
 * @param problems          what the final check found (after repairs, when repairing)
 * @param repaired          problems fixed by --repair (empty without it)
 * @param rolledBack        unfinished journal transactions rolled back
 * @param liveInodes        inodes in use
 * @param directories       directories among them
 * @param usedBlocks        data-area blocks in use
 * @param dataBlocks        data-area blocks in total
 */
public record FsckReport(List<FsckProblem> problems, List<FsckProblem> repaired, int rolledBack, long liveInodes,
                         long directories, long usedBlocks, long dataBlocks) {

    /** Exit status: no problems. */
    public static final int CLEAN = 0;
    /** Exit status: problems were found and all were repaired. */
    public static final int REPAIRED = 1;
    /** Exit status: problems remain. */
    public static final int UNCORRECTED = 4;

    public FsckReport {
        problems = List.copyOf(problems);
        repaired = List.copyOf(repaired);
    }

    /** True when the final check found nothing. */
    public boolean clean() {
        return problems.isEmpty();
    }

    public int exitStatus() {
        if (!problems.isEmpty()) {
            return UNCORRECTED;
        }
        return repaired.isEmpty() && rolledBack == 0 ? CLEAN : REPAIRED;
    }

    /** A multi-line human summary. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append(liveInodes).append(" inodes (").append(directories).append(" directories), ")
                .append(usedBlocks).append(" of ").append(dataBlocks).append(" data blocks in use\n");
        if (rolledBack > 0) {
            b.append("rolled back ").append(rolledBack).append(" unfinished transaction(s)\n");
        }
        for (FsckProblem p : repaired) {
            b.append("repaired: ").append(p).append('\n');
        }
        for (FsckProblem p : problems) {
            b.append(p.repairable() ? "problem: " : "problem (cannot repair): ").append(p).append('\n');
        }
        b.append(clean() ? "clean" : problems.size() + " problem(s) remain");
        return b.toString();
    }
}
