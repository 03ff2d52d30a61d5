package org.pmnfs.server.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that runs a real program from the PATH (libnfs's nfs-cp, prometheus): where it is
 * missing the class is skipped, with the Debian package that brings it, and the end of the run
 * says how many tests were skipped for it ({@link SkippedTestsSummary}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(RequiredCommandCondition.class)
public @interface RequiresCommand {

    /** The program that must be on the PATH, e.g. "nfs-cp". */
    String value();

    /** The Debian package that installs it, e.g. "libnfs-utils". */
    String debianPackage();
}
