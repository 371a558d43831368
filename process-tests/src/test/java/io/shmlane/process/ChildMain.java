package io.shmlane.process;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

/**
 * Entry point of every forked child: starts a daemon thread that halts this JVM when the test JVM
 * (the parent) dies, then runs the real main class. Without it a test JVM killed by a timeout or a
 * {@code kill -9} would leave producers and consumers spinning on their channel files.
 *
 * <pre>
 *   java -cp CLASSPATH io.shmlane.process.ChildMain PARENT_PID MAIN_CLASS ARGS...
 * </pre>
 */
public final class ChildMain {
    /** Exit status of a child halted because its parent is gone. */
    static final int ORPHANED = 99;

    private ChildMain() {}

    public static void main(final String[] args) throws Throwable {
        if (args.length < 2) {
            System.err.println("usage: ChildMain PARENT_PID MAIN_CLASS [ARGS...]");
            System.exit(2);
        }
        watchParent(Long.parseLong(args[0]));
        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void watchParent(final long parentPid) {
        Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
        if (parent.isEmpty()) {
            Runtime.getRuntime().halt(ORPHANED); // the parent is already gone
        }
        Thread watchdog = new Thread(
                () -> {
                    parent.get().onExit().join();
                    System.err.println("shmlane-process-tests: parent " + parentPid + " is gone; halting child");
                    Runtime.getRuntime().halt(ORPHANED);
                },
                "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
