/**
 * The bounty record as a repository: programs, their splits (columnar binary) and models, submitted
 * groups, submissions and the list's nodes, in SQLite (a program directory, the default) or PostgreSQL
 * (the web service), created and upgraded by the same numbered Flyway migrations and read and written
 * with plain JDBC. Every failure of the database is a {@link org.fairhunt.core.StorageException} that
 * names the database and says what to do.
 */
package org.fairhunt.bounty.store;
