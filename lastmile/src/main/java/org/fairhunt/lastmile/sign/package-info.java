/**
 * Signing service cards: RFC 8785 canonical JSON, DSSE v1 envelopes and Ed25519 keys, all from the
 * JDK's own {@code java.security} (no extra crypto library).
 */
package org.fairhunt.lastmile.sign;
