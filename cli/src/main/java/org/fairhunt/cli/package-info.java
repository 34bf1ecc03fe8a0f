/**
 * The {@code fairhunt} command (picocli), with {@link org.fairhunt.cli.Main} as the entry point of the runnable
 * jar and {@link org.fairhunt.cli.FairhuntCommand} as the root of the command tree. The subcommands live in
 * sub-packages by area ({@code audit}, {@code speech}, {@code discovery}, {@code bounty}, {@code lastmile},
 * {@code service}); the option groups they share are in {@code options}. A new top-level command goes into
 * {@code FairhuntCommand.SUBCOMMANDS} (and a bounty one into {@code BountyCommand.SUBCOMMANDS}), not into the
 * annotation: {@link org.fairhunt.cli.Main#commandLine(String...)} builds only the command a call names. A user mistake
 * ({@link org.fairhunt.core.UserInputException}) prints one line and exits 2; only bugs print a stack trace.
 */
package org.fairhunt.cli;
