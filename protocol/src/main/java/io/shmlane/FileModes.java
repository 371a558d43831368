package io.shmlane;

import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/** Octal file modes ({@code 0600}, {@code 0660}) to and from sets of {@link PosixFilePermission}. */
public final class FileModes {
    /** Read and write for the owner only: the mode of a channel file unless asked otherwise. */
    public static final Set<PosixFilePermission> OWNER_ONLY =
            Set.copyOf(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));

    private static final Pattern OCTAL = Pattern.compile("0?[0-7]{3}");
    /** PosixFilePermission's declaration order, owner read first, is the octal bit order from 0400 down. */
    private static final PosixFilePermission[] BITS = PosixFilePermission.values();

    private FileModes() {}

    /**
     * Parses an octal mode of three digits, with an optional leading zero: {@code 0600}, {@code 660}.
     * Whether the mode suits a channel file is checked by {@link ChannelOptions#withPermissions}.
     *
     * @param text the mode; {@code null} is refused like any other bad text
     * @return a new, modifiable set of the permissions the mode grants
     * @throws ChannelException BAD_ARGUMENT naming the text when it is not such a mode
     */
    public static Set<PosixFilePermission> parseOctal(final String text) {
        if (text == null || !OCTAL.matcher(text).matches()) {
            throw new ChannelException(
                    ChannelException.Reason.BAD_ARGUMENT,
                    "a file mode is 3 octal digits with an optional leading 0, such as 0600 or 0660: '" + text + "'");
        }
        int mode = Integer.parseInt(text, 8);
        EnumSet<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < BITS.length; i++) {
            if ((mode & (0400 >> i)) != 0) {
                permissions.add(BITS[i]);
            }
        }
        return permissions;
    }

    /**
     * The octal mode of {@code permissions}, for messages.
     *
     * @param permissions the permissions; not null
     * @return four digits with a leading zero: {@code 0600}
     */
    public static String toOctal(final Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (int i = 0; i < BITS.length; i++) {
            if (permissions.contains(BITS[i])) {
                mode |= 0400 >> i;
            }
        }
        return String.format("0%03o", mode);
    }
}
