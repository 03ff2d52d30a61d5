package org.pmnfs.server;

import picocli.CommandLine.IVersionProvider;

/** The version {@code pmnfs --version} prints: the jar's implementation version, if packaged. */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[] {"pmnfs " + (v == null ? "(development build)" : v)};
    }
}
