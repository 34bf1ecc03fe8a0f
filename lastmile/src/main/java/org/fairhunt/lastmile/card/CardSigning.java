package org.fairhunt.lastmile.card;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.fairhunt.core.UserInputException;
import org.fairhunt.lastmile.sign.Dsse;
import org.fairhunt.lastmile.sign.Keys;

/**
 * Signs a card: records who signs (the card's provider), with which key and when inside the card, so
 * that these are covered by the signature too, then seals it in a DSSE envelope.
 */
public final class CardSigning {
    private CardSigning() {
    }

    /** The envelope's bytes as text; refuses a private key that does not belong to {@code publicKey}. */
    public static String sign(Card card, PrivateKey privateKey, PublicKey publicKey, Instant when) {
        checkPair(privateKey, publicKey);
        ObjectNode doc = card.copy();
        doc.remove("signature");
        ObjectNode s = doc.putObject("signature");
        s.put("signer", card.about().path("provider").asText());
        s.put("key_id", Keys.keyId(publicKey));
        s.put("signed_at", when.truncatedTo(ChronoUnit.SECONDS).toString());
        s.put("format", "DSSE v1, Ed25519, RFC 8785 canonical JSON payload of type " + Dsse.CARD_TYPE);
        return Dsse.seal(doc, Dsse.CARD_TYPE, privateKey, Keys.keyId(publicKey));
    }

    static void checkPair(PrivateKey privateKey, PublicKey publicKey) {
        byte[] probe = "fairhunt key pair check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(probe);
            byte[] sig = s.sign();
            s.initVerify(publicKey);
            s.update(probe);
            if (!s.verify(sig)) {
                throw new UserInputException("the private key does not belong to the public key " + Keys.keyId(publicKey)
                        + " (give the matching .pub with --pubkey)");
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new UserInputException("cannot use the key pair: " + e.getMessage(), e);
        }
    }
}
