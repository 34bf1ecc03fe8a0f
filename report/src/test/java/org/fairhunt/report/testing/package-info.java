/**
 * Test support published in the report module's test-jar: {@link org.fairhunt.report.testing.HeadlessBrowser}
 * opens a generated HTML file in a real headless Chromium over the DevTools protocol, collects console
 * errors and uncaught exceptions, evaluates JavaScript to inspect what was drawn, and takes screenshots,
 * so any module's HTML report can be tested the way a reader will see it.
 */
package org.fairhunt.report.testing;
