package io.shmlane.jcstress.selfcheck;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * A deliberately broken fixture for the driver's self-check: its only outcome, 1, happens in every
 * sample and is declared FORBIDDEN. The driver must report it as a failure. The suite's normal run
 * leaves the {@code selfcheck} package out; {@code DriverSelfCheckIT} runs it on its own and asserts
 * that the driver said FAIL.
 *
 * <p>Expected everywhere: "1" in every sample, so FAIL.
 *
 * <p>Run alone through the driver (the build then fails, as it should):
 * {@code ./mvnw -pl jcstress-tests -am verify -Djcstress.tests=AlwaysForbidden -Djcstress.includeSelfCheck=true}
 */
@JCStressTest
@Description("Self-check fixture: a FORBIDDEN outcome that always happens")
@Outcome(id = "0", expect = ACCEPTABLE, desc = "never happens: the actor always writes 1")
@Outcome(id = "1", expect = FORBIDDEN, desc = "always happens: the driver must report this test as FAIL")
@Outcome(expect = FORBIDDEN, desc = "anything else: impossible")
@State
public class AlwaysForbidden {
    private int value;

    @Actor
    public void writer() {
        value = 1;
    }

    @Arbiter
    public void arbiter(final I_Result r) {
        r.r1 = value;
    }
}
