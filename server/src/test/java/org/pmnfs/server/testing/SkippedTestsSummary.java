package org.pmnfs.server.testing;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Ends the test run with one line per missing program: how many tests were skipped because it is
 * not installed, and how to install it ({@link RequiresCommand}). Registered for the whole run
 * through META-INF/services, so it sees every test class of the module.
 */
public final class SkippedTestsSummary implements TestExecutionListener {

    private TestPlan plan;
    /** Skip reason to the number of tests it skipped, in a stable order. */
    private final Map<String, AtomicInteger> skipped = new TreeMap<>();

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        skipped.clear();
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        if (reason == null || !reason.startsWith(RequiredCommandCondition.REASON_PREFIX)) {
            return;
        }
        // A skipped class reports once: count the tests inside it.
        long tests = identifier.isTest() ? 1 : plan.getDescendants(identifier).stream().filter(TestIdentifier::isTest).count();
        synchronized (skipped) {
            skipped.computeIfAbsent(reason, r -> new AtomicInteger()).addAndGet((int) tests);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        synchronized (skipped) {
            // Plain output on purpose: surefire shows a test JVM's stdout on the console, after the tests.
            skipped.forEach((reason, n) -> System.out.println("SKIPPED " + n + " test" + (n.get() == 1 ? "" : "s")
                    + ": " + reason));
        }
    }
}
