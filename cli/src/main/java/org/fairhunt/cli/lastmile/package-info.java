/**
 * Last-mile commands: {@code card}, {@code lastmile}, its demo and {@code noise-profile}.
 */
package org.fairhunt.cli.lastmile;
