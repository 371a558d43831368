package io.shmlane.relaxed;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Rewrites a class so that its memory accesses to byte buffers go through the simulator: every
 * {@code VarHandle} access-mode call whose coordinates are {@code (ByteBuffer, int)}, every static
 * {@code VarHandle} fence, and every absolute {@code ByteBuffer} accessor becomes a call to the
 * static method of {@link Access} with the same operands (the receiver first). Nothing else changes:
 * the stack and the frames are the same, so no frame is recomputed.
 *
 * <p>A {@code VarHandle} access over a byte buffer that {@link Access} does not model (a mode such as
 * {@code getAndAdd}, a {@code short} view) is refused when the class is rewritten, with its name:
 * an access that silently escaped the model would make every verdict worthless.
 */
public final class AccessRewriter {
    static final String ACCESS = Type.getInternalName(Access.class);
    private static final String VAR_HANDLE = "java/lang/invoke/VarHandle";
    private static final String BYTE_BUFFER_COORDINATES = "(Ljava/nio/ByteBuffer;I";
    private static final Set<String> BUFFER_OWNERS = Set.of("java/nio/ByteBuffer", "java/nio/MappedByteBuffer");
    private static final Set<String> TARGETS = targets();

    private AccessRewriter() {}

    private static Set<String> targets() {
        Set<String> names = new HashSet<>();
        for (Method m : Access.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers())) {
                names.add(m.getName() + Type.getMethodDescriptor(m));
            }
        }
        return names;
    }

    /** The rewritten class, or {@code bytes} itself when it has no access to rewrite. */
    public static byte[] rewrite(final byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, 0);
        Rewriter rewriter = new Rewriter(writer);
        reader.accept(rewriter, 0);
        return rewriter.changed ? writer.toByteArray() : bytes;
    }

    private static final class Rewriter extends ClassVisitor {
        private String className;
        boolean changed;

        Rewriter(final ClassVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visit(
                final int version,
                final int access,
                final String name,
                final String signature,
                final String superName,
                final String[] interfaces) {
            className = name;
            super.visit(version, access, name, signature, superName, interfaces);
        }

        @Override
        public MethodVisitor visitMethod(
                final int access,
                final String name,
                final String descriptor,
                final String signature,
                final String[] exceptions) {
            MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
            final String where = className.replace('/', '.') + "." + name;
            return new MethodVisitor(Opcodes.ASM9, next) {
                @Override
                public void visitMethodInsn(
                        final int opcode,
                        final String owner,
                        final String method,
                        final String desc,
                        final boolean isInterface) {
                    String target = target(opcode, owner, method, desc, where);
                    if (target == null) {
                        super.visitMethodInsn(opcode, owner, method, desc, isInterface);
                        return;
                    }
                    changed = true;
                    int split = target.indexOf('(');
                    super.visitMethodInsn(
                            Opcodes.INVOKESTATIC, ACCESS, target.substring(0, split), target.substring(split), false);
                }
            };
        }
    }

    /** The {@link Access} method (name and descriptor) that replaces a call, or null to keep it. */
    static String target(
            final int opcode, final String owner, final String method, final String desc, final String where) {
        if (owner.equals(VAR_HANDLE)) {
            if (opcode == Opcodes.INVOKESTATIC && method.endsWith("Fence") && desc.equals("()V")) {
                return checked(method + desc, where);
            }
            if (opcode == Opcodes.INVOKEVIRTUAL && desc.startsWith(BYTE_BUFFER_COORDINATES)) {
                Type[] args = Type.getArgumentTypes(desc);
                Type returned = Type.getReturnType(desc);
                Type value =
                        returned == Type.VOID_TYPE || returned == Type.BOOLEAN_TYPE ? args[args.length - 1] : returned;
                String name = method + "_" + value.getDescriptor();
                return checked(name + "(L" + VAR_HANDLE + ";" + desc.substring(1), where);
            }
            return null;
        }
        if (opcode == Opcodes.INVOKEVIRTUAL && BUFFER_OWNERS.contains(owner)) {
            Type returned = Type.getReturnType(desc);
            String returnDescriptor =
                    returned.getSort() == Type.OBJECT ? "Ljava/nio/ByteBuffer;" : returned.getDescriptor();
            String candidate = "bb_" + method + "(Ljava/nio/ByteBuffer;" + desc.substring(1, desc.indexOf(')') + 1)
                    + returnDescriptor;
            // absolute accessors only: relative ones (no int index first) are left alone
            return desc.startsWith("(I") && TARGETS.contains(candidate) && returnsSame(returned, returnDescriptor)
                    ? candidate
                    : null;
        }
        return null;
    }

    private static boolean returnsSame(final Type returned, final String returnDescriptor) {
        return returned.getSort() != Type.OBJECT || returned.getDescriptor().equals(returnDescriptor);
    }

    private static String checked(final String target, final String where) {
        if (!TARGETS.contains(target)) {
            throw new UnsupportedOperationException("relaxed mode cannot model the VarHandle access "
                    + target.replaceFirst("_", " ") + " in " + where
                    + ": add it to io.shmlane.relaxed.Access, or keep that class out of the rewritten packages");
        }
        return target;
    }
}
