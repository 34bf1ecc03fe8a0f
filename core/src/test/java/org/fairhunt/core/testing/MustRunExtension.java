package org.fairhunt.core.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/** Fails a {@link MustRun} test that would otherwise be skipped, naming why it tried to skip. */
public final class MustRunExtension implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw failIfSkip(context, throwable);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw failIfSkip(context, throwable);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw failIfSkip(context, throwable);
    }

    static Throwable failIfSkip(ExtensionContext context, Throwable throwable) {
        if (throwable instanceof TestAbortedException) {
            AssertionError e = new AssertionError("a must-run test may not skip: " + context.getDisplayName() + ": "
                    + throwable.getMessage());
            e.addSuppressed(throwable);
            return e;
        }
        return throwable;
    }
}
