package io.shmlane.jcstress;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a jcstress test whose shared memory the relaxed model does not simulate (a field, a heap
 * array): the relaxed run skips it with this reason instead of running it natively. A spin on such
 * memory would wait for another simulated thread that never gets its turn.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface OutsideRelaxedModel {
    /** What the test shares that the model does not cover. */
    String value();
}
