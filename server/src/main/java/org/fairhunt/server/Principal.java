package org.fairhunt.server;

/**
 * Who made a request. For a team, {@code programId} and {@code teamId} say which; for an organizer
 * they are 0. {@code name} is what the audit log records ({@code organizer:alice}, {@code team:3/red}).
 *
 * @param tokenHash the SHA-256 of the token the caller proved (directly or through a session)
 * @param viaSession whether the request came with a session cookie (then writes need the CSRF token)
 */
public record Principal(Role role, long organizerId, long programId, long teamId, String displayName, String tokenHash,
        boolean viaSession, String csrf) {

    public static final Principal ANONYMOUS = new Principal(Role.PUBLIC, 0, 0, 0, "public", null, false, null);

    public String auditName() {
        return switch (role) {
            case ORGANIZER -> "organizer:" + displayName;
            case TEAM -> "team:" + programId + "/" + displayName;
            case PUBLIC -> "public";
        };
    }

    public Principal viaSession(String csrfToken) {
        return new Principal(role, organizerId, programId, teamId, displayName, tokenHash, true, csrfToken);
    }
}
