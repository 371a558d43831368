package io.shmlane.relaxed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Loads the classes of the given packages anew, rewritten by {@link AccessRewriter}, and leaves every
 * other class to its parent: the same class path then holds the native classes and their relaxed
 * twins, side by side in one JVM, without an agent or a JVM flag. The simulator's own package is
 * never rewritten.
 */
public final class RelaxedClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private static final String OWN_PACKAGE = Access.class.getPackageName() + ".";

    private final List<String> packages;

    /**
     * @param parent the loader that finds the class files (and loads everything not rewritten)
     * @param packages package prefixes to rewrite, such as {@code "io.shmlane."}
     */
    public RelaxedClassLoader(final ClassLoader parent, final List<String> packages) {
        super("relaxed", parent);
        this.packages = List.copyOf(packages);
    }

    /** Whether the class named {@code name} is loaded rewritten. */
    public boolean rewrites(final String name) {
        if (name.startsWith(OWN_PACKAGE)) {
            return false;
        }
        for (String prefix : packages) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Class<?> loadClass(final String name, final boolean resolve) throws ClassNotFoundException {
        if (!rewrites(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                byte[] bytes = AccessRewriter.rewrite(read(name));
                loaded = defineClass(name, bytes, 0, bytes.length);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    private byte[] read(final String name) throws ClassNotFoundException {
        String resource = name.replace('.', '/') + ".class";
        try (InputStream in = getParent().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
