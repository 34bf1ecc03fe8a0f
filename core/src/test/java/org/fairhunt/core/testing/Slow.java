package org.fairhunt.core.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test that takes more than a few seconds (a simulation study, a real tool on real data). It runs in
 * {@code mvn verify} like any other; {@code -Dfairhunt.test.exclude=slow} leaves it out for a quick
 * local loop.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(Slow.TAG)
public @interface Slow {
    String TAG = "slow";
}
