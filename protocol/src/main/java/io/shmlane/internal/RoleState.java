package io.shmlane.internal;

/** Lifecycle of a role (producer or consumer) as stored in its slot of the header. */
public final class RoleState {
    /** No process ever attached in this role. */
    public static final int NONE = 0;
    /** A process attached; whether it is still alive is told by the role's lock. */
    public static final int ATTACHED = 1;
    /** The role was closed cleanly; for the producer this is the end of stream. */
    public static final int CLOSED = 2;

    private RoleState() {}

    /**
     * A word for {@code state}, for messages and {@code inspect}.
     *
     * @param state a value read from a role's state field
     * @return {@code none}, {@code attached} or {@code closed}, or {@code invalid(N)} for any other
     *     value, so a corrupt field can still be shown
     */
    public static String name(final int state) {
        switch (state) {
            case NONE:
                return "none";
            case ATTACHED:
                return "attached";
            case CLOSED:
                return "closed";
            default:
                return "invalid(" + state + ")";
        }
    }
}
