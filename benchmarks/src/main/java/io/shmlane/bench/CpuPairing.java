package io.shmlane.bench;

import java.io.File;
import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Entry point of the JVM that {@link CpuSuite} forks for one payload size (and, in the smoke test,
 * run in-process): the subjects' slices ({@link CpuSlices}) alternate in one thread, so that every
 * subject is measured within milliseconds of the others and a change of the machine's state hits
 * them alike. Each subject is loaded through a class loader of its own, over its build's jar (when
 * given) ahead of this JVM's class path: two builds of shmlane run side by side, each with its own
 * classes, and a build compared with itself is the control.
 *
 * <p>Arguments: {@code payload capacity batch messages warmup slices subject...}, a subject being
 * {@code label=class} or {@code label=class=jar}. Prints one line per slice and subject, {@code
 * SLICE label offerNanosPerMessage pollNanosPerMessage}, in the order the slices ran.
 */
public final class CpuPairing {
    private CpuPairing() {}

    public static void main(final String[] args) {
        Child.exitAfter(() -> run(args, System.out));
    }

    /** Runs the slices {@code args} describe, printing SLICE lines to {@code out}. */
    public static void run(final String[] args, final PrintStream out) throws ReflectiveOperationException {
        int payload = Integer.parseInt(args[0]);
        int capacity = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        int messages = Integer.parseInt(args[3]);
        int warmup = Integer.parseInt(args[4]);
        int slices = Integer.parseInt(args[5]);
        List<String> labels = new ArrayList<>();
        List<IntFunction<long[]>> subjects = new ArrayList<>();
        for (int i = 6; i < args.length; i++) {
            String[] parts = args[i].split("=", 3);
            labels.add(parts[0]);
            subjects.add(load(parts[1], parts.length > 2 ? Path.of(parts[2]) : null, payload, capacity, batch));
        }
        int k = subjects.size();
        for (int w = 0; w < warmup; w++) {
            for (IntFunction<long[]> subject : subjects) {
                subject.apply(messages);
            }
        }
        for (int s = 0; s < slices; s++) {
            // the order rotates: no subject always runs right after the same other one
            for (int i = 0; i < k; i++) {
                int j = (s + i) % k;
                long[] nanos = subjects.get(j).apply(messages);
                out.printf(
                        Locale.ROOT,
                        "SLICE %s %.3f %.3f%n",
                        labels.get(j),
                        nanos[0] / (double) messages,
                        nanos[1] / (double) messages);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static IntFunction<long[]> load(
            final String className, final Path jar, final int payload, final int capacity, final int batch)
            throws ReflectiveOperationException {
        List<URL> urls = new ArrayList<>();
        try {
            if (jar != null) {
                urls.add(jar.toUri().toURL());
            }
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    urls.add(Path.of(entry).toUri().toURL());
                }
            }
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a class path entry: " + e.getMessage(), e);
        }
        // not closed: the subject's classes are in use until this JVM ends
        URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        return (IntFunction<long[]>) loader.loadClass(className)
                .getConstructor(int.class, int.class, int.class)
                .newInstance(payload, capacity, batch);
    }
}
