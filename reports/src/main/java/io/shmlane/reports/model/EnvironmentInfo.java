package io.shmlane.reports.model;

/**
 * Where and when the build ran.
 *
 * @param jdkVersion {@code java.version} of the JVM that wrote the report (the build's JDK)
 * @param jdkVendor {@code java.vendor}
 * @param vmName {@code java.vm.name} and {@code java.vm.version}
 * @param os {@code os.name}
 * @param osVersion {@code os.version}
 * @param arch {@code os.arch}
 * @param cpus available processors
 * @param gitCommit {@code git rev-parse HEAD}, null when unknown
 * @param gitDirty whether tracked files differ from the commit, null when unknown
 * @param buildStartedAt ISO-8601 start of the Maven session, null when not given
 * @param durationSeconds from the session's start to the report, null when the start is unknown
 */
public record EnvironmentInfo(
        String jdkVersion,
        String jdkVendor,
        String vmName,
        String os,
        String osVersion,
        String arch,
        int cpus,
        String gitCommit,
        Boolean gitDirty,
        String buildStartedAt,
        Double durationSeconds) {}
