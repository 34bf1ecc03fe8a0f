/**
 * The algorithmic bias bounty: {@code bounty} and its subcommands, and {@code predict}.
 */
package org.fairhunt.cli.bounty;
