package io.shmlane.testsupport;

/** A child for the tests: prints its arguments and one system property, one a line. */
public final class Echo {
    private Echo() {}

    public static void main(final String[] args) {
        for (String arg : args) {
            System.out.println(arg);
        }
        System.out.println("flag=" + System.getProperty("echo.flag"));
    }
}
