/**
 * Slice discovery commands: {@code slices} and {@code coverage}.
 */
package org.fairhunt.cli.discovery;
