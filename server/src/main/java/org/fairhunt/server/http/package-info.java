/** HTTP plumbing: typed errors (RFC 9457), authentication, CSRF, limits, security headers, request logs. */
package org.fairhunt.server.http;
