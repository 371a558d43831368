package io.shmlane.jcstress;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a jcstress test (or an outer class of nested tests) as a reference: code known to be broken,
 * kept to show what the tests catch. Its known outcomes are ACCEPTABLE_INTERESTING; the driver still
 * fails on its FORBIDDEN catch-all (an outcome nobody explained) and on a missing result, but only
 * reports an error, timeout or VM error of it instead of failing.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ReferenceTest {
    /** Why the code is broken, in one line, for the report. */
    String value();
}
