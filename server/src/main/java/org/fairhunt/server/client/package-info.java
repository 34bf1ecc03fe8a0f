/** A Java client of the service's REST API (used by {@code fairhunt bounty submit --server} and the load benchmark). */
package org.fairhunt.server.client;
