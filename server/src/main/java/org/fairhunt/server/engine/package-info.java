/**
 * The thin adapter between the service and the bounty engine ({@code org.fairhunt.bounty}): every
 * call into the engine's API is in this package, so the service follows the engine's changes here only.
 */
package org.fairhunt.server.engine;
