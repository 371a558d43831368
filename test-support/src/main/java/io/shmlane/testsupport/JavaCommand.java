package io.shmlane.testsupport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a forked JVM: {@code java} of this JVM's {@code java.home}, JVM flags, a class path (this JVM's
 * by default), a main class and its arguments. Immutable; each {@code with} gives a new command.
 *
 * @param jvmFlags the JVM's options, before the class path
 * @param classPath the class path
 * @param mainClass the main class's binary name
 * @param arguments the main class's arguments
 */
public record JavaCommand(List<String> jvmFlags, String classPath, String mainClass, List<String> arguments) {

    public JavaCommand {
        jvmFlags = List.copyOf(jvmFlags);
        arguments = List.copyOf(arguments);
    }

    /** {@code mainClass} with no flag nor argument, on this JVM's class path. */
    public static JavaCommand of(final String mainClass) {
        return new JavaCommand(List.of(), System.getProperty("java.class.path"), mainClass, List.of());
    }

    /** The {@code java} launcher of this JVM. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** This command with {@code flags} added to its JVM flags. */
    public JavaCommand withJvmFlags(final List<String> flags) {
        List<String> all = new ArrayList<>(jvmFlags);
        all.addAll(flags);
        return new JavaCommand(all, classPath, mainClass, arguments);
    }

    /** This command with {@code flags} added to its JVM flags. */
    public JavaCommand withJvmFlags(final String... flags) {
        return withJvmFlags(List.of(flags));
    }

    /** This command on another class path. */
    public JavaCommand withClassPath(final String path) {
        return new JavaCommand(jvmFlags, path, mainClass, arguments);
    }

    /** This command with {@code args} added to its arguments. */
    public JavaCommand withArguments(final List<String> args) {
        List<String> all = new ArrayList<>(arguments);
        all.addAll(args);
        return new JavaCommand(jvmFlags, classPath, mainClass, all);
    }

    /** This command with {@code args} added to its arguments. */
    public JavaCommand withArguments(final String... args) {
        return withArguments(List.of(args));
    }

    /** The whole command line: {@code java FLAGS -cp CLASSPATH MAIN ARGS}. */
    public List<String> toList() {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(arguments);
        return command;
    }

    /** The command from its main class on, for messages (the class path is long). */
    public String display() {
        List<String> shown = new ArrayList<>();
        shown.add(mainClass);
        shown.addAll(arguments);
        return String.join(" ", shown);
    }

    /** A process builder for the whole command line. */
    public ProcessBuilder processBuilder() {
        return new ProcessBuilder(toList());
    }
}
