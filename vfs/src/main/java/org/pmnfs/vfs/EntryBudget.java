package org.pmnfs.vfs;

/**
 * Decides how many entries fit one READDIR reply. The server knows the XDR size of an entry;
 * a backend offers entries in cookie order and stops at the first one refused.
 */
@FunctionalInterface
public interface EntryBudget {

    /** Accounts for {@code entry} and returns true, or returns false (accounting nothing) when it does not fit. */
    boolean tryAdd(DirEntry entry);

    /** A budget of at most {@code maxEntries} entries, for tests and tools. */
    static EntryBudget ofEntries(int maxEntries) {
        int[] left = {maxEntries};
        return entry -> left[0]-- > 0;
    }

    /** No limit. */
    static EntryBudget unlimited() {
        return entry -> true;
    }
}
