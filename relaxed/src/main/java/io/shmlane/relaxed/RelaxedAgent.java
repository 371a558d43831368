package io.shmlane.relaxed;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Arrays;
import java.util.List;

/**
 * The same rewriting as a Java agent, for code that cannot be loaded through
 * {@link RelaxedClassLoader} (a framework with its own class loaders):
 * {@code -javaagent:shmlane-relaxed.jar=com.example.,org.example.queue.} rewrites those packages.
 * Accesses are simulated only on threads of a relaxed execution; everywhere else they run natively.
 */
public final class RelaxedAgent {
    private RelaxedAgent() {}

    public static void premain(final String arguments, final Instrumentation instrumentation) {
        List<String> packages =
                arguments == null || arguments.isBlank() ? List.of() : Arrays.asList(arguments.split(","));
        RelaxedClassLoader filter = new RelaxedClassLoader(ClassLoader.getSystemClassLoader(), packages);
        instrumentation.addTransformer(new ClassFileTransformer() {
            @Override
            public byte[] transform(
                    final ClassLoader loader,
                    final String className,
                    final Class<?> redefined,
                    final ProtectionDomain domain,
                    final byte[] bytes) {
                return className != null && filter.rewrites(className.replace('/', '.'))
                        ? AccessRewriter.rewrite(bytes)
                        : null;
            }
        });
    }
}
