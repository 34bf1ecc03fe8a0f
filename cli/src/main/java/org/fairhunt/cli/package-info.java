/**
 * The {@code fairhunt} command (picocli): one class per subcommand, {@link org.fairhunt.cli.Main} as
 * the entry point of the runnable jar. A user mistake ({@link org.fairhunt.core.UserInputException})
 * prints one line and exits 2; only bugs print a stack trace.
 */
package org.fairhunt.cli;
