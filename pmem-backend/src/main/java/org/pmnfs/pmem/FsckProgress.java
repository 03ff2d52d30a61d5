package org.pmnfs.pmem;

/** Receives fsck's progress, e.g. to draw a bar on a terminal. Called from the checking thread. */
@FunctionalInterface
public interface FsckProgress {

    /** {@code done} of {@code total} units of {@code phase} are finished. */
    void update(String phase, long done, long total);

    /** Reports nothing. */
    FsckProgress NONE = (phase, done, total) -> { };
}
