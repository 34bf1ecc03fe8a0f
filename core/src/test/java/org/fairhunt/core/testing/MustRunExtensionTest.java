package org.fairhunt.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

class MustRunExtensionTest {
    private static ExtensionContext named(String name) {
        return (ExtensionContext) Proxy.newProxyInstance(ExtensionContext.class.getClassLoader(),
                new Class<?>[] {ExtensionContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getDisplayName")) {
                        return name;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void a_skip_becomes_a_failure_naming_the_test_and_the_reason() {
        Throwable t = MustRunExtension.failIfSkip(named("sclite parity"), new TestAbortedException("Assumption failed: no sclite"));
        assertTrue(t instanceof AssertionError);
        assertEquals("a must-run test may not skip: sclite parity: Assumption failed: no sclite", t.getMessage());
        RuntimeException other = new IllegalStateException("x");
        assertSame(other, MustRunExtension.failIfSkip(named("n"), other));
    }

    @Test
    void shared_data_locator_skips_when_absent_and_never_fails() {
        String before = System.getProperty("fairhunt.shared.data");
        System.setProperty("fairhunt.shared.data", "/nonexistent/for/sure");
        try {
            assertTrue(SharedData.root().isEmpty());
            try {
                SharedData.require("speech/ref.trn");
                throw new AssertionError("should have skipped");
            } catch (TestAbortedException expected) {
                assertTrue(expected.getMessage().contains("speech/ref.trn"), expected.getMessage());
            }
        } finally {
            if (before == null) {
                System.clearProperty("fairhunt.shared.data");
            } else {
                System.setProperty("fairhunt.shared.data", before);
            }
        }
        assumeTrue(true);
    }
}
