package org.pmnfs.server.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Skips a {@link RequiresCommand} test class whose program is not on the PATH. */
final class RequiredCommandCondition implements ExecutionCondition {

    /** What every skip reason starts with, so {@link SkippedTestsSummary} can group them. */
    static final String REASON_PREFIX = "needs ";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<RequiresCommand> required = context.getTestClass()
                .flatMap(c -> AnnotationSupport.findAnnotation(c, RequiresCommand.class));
        if (required.isEmpty()) {
            return ConditionEvaluationResult.enabled("no command required");
        }
        RequiresCommand r = required.get();
        if (onPath(r.value())) {
            return ConditionEvaluationResult.enabled(r.value() + " is on the PATH");
        }
        return ConditionEvaluationResult.disabled(reason(r));
    }

    static String reason(RequiresCommand r) {
        return REASON_PREFIX + r.debianPackage() + " (" + r.value() + " is not on the PATH; apt install " + r.debianPackage() + ")";
    }

    /** Whether {@code command} is an executable in a PATH directory. */
    public static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
