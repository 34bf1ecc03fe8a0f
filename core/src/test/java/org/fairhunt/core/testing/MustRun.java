package org.fairhunt.core.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that must run wherever the build runs: it backs a claim (the README's, a published format's)
 * with fixtures shipped in the repository. If it skips (an assumption fails, a tool or file is absent),
 * {@link MustRunExtension} turns the skip into a failure, so CI cannot go green without it. Tagged
 * {@value #TAG} so that {@code mvn verify -Dgroups=must-run} runs exactly these.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(MustRun.TAG)
@ExtendWith(MustRunExtension.class)
public @interface MustRun {
    String TAG = "must-run";
}
