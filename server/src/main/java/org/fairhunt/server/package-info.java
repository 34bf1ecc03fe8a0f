/**
 * The bias bounty as a web service: one Javalin app built by {@link org.fairhunt.server.BountyServer#create},
 * REST API and server-rendered pages, authentication (hashed team tokens, organizer sessions with CSRF),
 * the verification queue in the database, Prometheus metrics.
 */
package org.fairhunt.server;
