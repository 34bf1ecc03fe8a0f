/**
 * The service's persistent record (organizers, programs, teams, hashed tokens, sessions, the
 * verification queue, the audit log) on SQLite or PostgreSQL with Flyway migrations.
 */
package org.fairhunt.server.store;
