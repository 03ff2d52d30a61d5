package org.pmnfs.vfs;

/**
 * The behaviour every {@link FileSystemBackend} owes, as one JUnit 5 suite. A backend adds a
 * subclass of about ten lines in its own tests:
 *
 * <pre>{@code
 * class MemoryBackendContractTest extends AbstractBackendContractTest {
 *     @Override
 *     protected FileSystemBackend openBackend(Clock clock) {
 *         return new MemoryBackend(MemoryBackendConfig.defaults(), clock);
 *     }
 * }
 * }</pre>
 *
 * <h2>Hooks</h2>
 * <ul>
 *   <li>{@link #openBackend(java.time.Clock)} (required): a fresh, empty store per test.
 *   <li>{@link #reopenBackend(FileSystemBackend, java.time.Clock)}: persistent backends reopen the
 *       same store after {@code close()}; the default (null) skips the persistence tests.
 *   <li>{@link #openBoundedBackend(java.time.Clock)}: a store of a few MiB so the NOSPC fill test
 *       runs; the default (null) skips it.
 * </ul>
 *
 * <h2>What it covers, part by part (each a class of this chain)</h2>
 * {@link NamesContract} names and "."/"..", {@link NamespaceContract} create modes, mkdir,
 * symlink, mknod, remove, rmdir, {@link RenameLinkContract} rename and hard links,
 * {@link AttributesContract} setattr, guards, timestamps and access, {@link IoContract} read,
 * write, truncate, holes, limits, commit and the write verifier, {@link ReaddirContract} cookies
 * and READDIRPLUS, {@link HandlesLimitsContract} stale and bad handles, fsstat/fsinfo/pathconf,
 * close and NOSPC, {@link ConcurrencyContract} threads, {@link PersistenceContract} reopen.
 *
 * <p>Every check asserts the exact NFS status, thrown as its own {@link NfsException} subclass.
 * The suite needs the store to use {@link NanoClock} with the clock it is given (the clock stands
 * still; times must still move on every change). Tests are deterministic: random data comes from
 * fixed seeds. A backend that truly cannot meet one test may override that method with a comment
 * saying why, but should rather be fixed.
 */
public abstract class AbstractBackendContractTest extends PersistenceContract {
}
