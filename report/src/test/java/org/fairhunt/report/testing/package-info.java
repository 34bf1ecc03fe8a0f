/**
 * Test support published in the report module's test-jar: {@link org.fairhunt.report.testing.HeadlessBrowser}
 * opens a generated HTML file in a real headless Chromium through Selenium and Debian's chromium-driver,
 * collects console errors, uncaught exceptions and refused loads, evaluates JavaScript to inspect what was
 * drawn, prints to PDF and takes screenshots, so any module's HTML report can be tested the way a reader
 * will see it.
 */
package org.fairhunt.report.testing;
