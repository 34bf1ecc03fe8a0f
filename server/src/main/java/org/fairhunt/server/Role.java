package org.fairhunt.server;

import io.javalin.security.RouteRole;

/** Who may call a route; checked before the route's handler runs. */
public enum Role implements RouteRole {
    /** Anyone, signed in or not. */
    PUBLIC,
    /** A hunter team of one program (token or session). */
    TEAM,
    /** A program organizer (token or session). */
    ORGANIZER
}
