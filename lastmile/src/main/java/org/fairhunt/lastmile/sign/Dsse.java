package org.fairhunt.lastmile.sign;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import org.fairhunt.core.UserInputException;

/**
 * Dead Simple Signing Envelopes (DSSE v1, the envelope of in-toto and Sigstore) with Ed25519 signatures
 * over the pre-authentication encoding {@code "DSSEv1" SP len(type) SP type SP len(body) SP body}. The
 * body is the RFC 8785 canonical JSON of the signed document, and the envelope file is itself written in
 * canonical form, so that {@link #open} can refuse a file in which any byte changed — inside the
 * payload (the signature fails), in the signature or key id, or in the envelope's own layout.
 */
public final class Dsse {
    /** Media type of a signed service card. */
    public static final String CARD_TYPE = "application/vnd.fairhunt.card+json";

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** A verified envelope: the document, and which key signed it. */
    public record Opened(JsonNode document, String keyId) {
    }

    private Dsse() {
    }

    /** The pre-authentication encoding of DSSE v1. */
    public static byte[] pae(String payloadType, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(type);
        out.writeBytes((" " + body.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** The envelope, as canonical JSON text with a final newline (the bytes to write to the file). */
    public static String seal(JsonNode document, String payloadType, PrivateKey key, String keyId) {
        byte[] body = CanonicalJson.bytes(document);
        byte[] sig;
        try {
            Signature s = Signature.getInstance(Keys.ALGORITHM);
            s.initSign(key);
            s.update(pae(payloadType, body));
            sig = s.sign();
        } catch (GeneralSecurityException e) {
            throw new UserInputException("cannot sign with this key: " + e.getMessage(), e);
        }
        ObjectNode env = STRICT.createObjectNode();
        env.put("payloadType", payloadType);
        env.put("payload", Base64.getEncoder().encodeToString(body));
        ArrayNode sigs = env.putArray("signatures");
        ObjectNode one = sigs.addObject();
        one.put("keyid", keyId);
        one.put("sig", Base64.getEncoder().encodeToString(sig));
        return CanonicalJson.string(env) + "\n";
    }

    /** Whether {@code json} is a DSSE envelope (has payloadType, payload and signatures). */
    public static boolean isEnvelope(JsonNode json) {
        return json != null && json.isObject() && json.has("payloadType") && json.has("payload") && json.has("signatures");
    }

    /**
     * Verifies an envelope file's bytes with {@code key} and returns its document. Refuses (a
     * {@link UserInputException} naming {@code source} and the reason) a file that is not in canonical
     * form, another payload type, a payload that is not canonical JSON, or a signature that does not
     * verify with this key.
     */
    public static Opened open(byte[] file, String source, String payloadType, PublicKey key) {
        JsonNode env = parse(file, source);
        if (!isEnvelope(env)) {
            throw new UserInputException(source + ": not a DSSE envelope (expected payloadType, payload and signatures)");
        }
        byte[] canonical = (CanonicalJson.string(env) + "\n").getBytes(StandardCharsets.UTF_8);
        if (!Arrays.equals(canonical, file) && !Arrays.equals(Arrays.copyOf(canonical, canonical.length - 1), file)) {
            throw new UserInputException(source + ": the envelope is not byte-for-byte in the canonical form it was signed in;"
                    + " it was edited after signing");
        }
        if (!payloadType.equals(env.path("payloadType").asText())) {
            throw new UserInputException(source + ": payloadType is '" + env.path("payloadType").asText() + "', expected '"
                    + payloadType + "'");
        }
        byte[] body;
        try {
            body = Base64.getDecoder().decode(env.path("payload").asText());
        } catch (IllegalArgumentException e) {
            throw new UserInputException(source + ": payload is not valid base64; the envelope was changed");
        }
        // base64 decoders ignore the unused bits of the last character, so a changed last character can decode to
        // the same bytes: only the one canonical encoding is accepted
        if (!Base64.getEncoder().encodeToString(body).equals(env.path("payload").asText())) {
            throw new UserInputException(source + ": payload is not in canonical base64; the envelope was changed");
        }
        String keyId = Keys.keyId(key);
        boolean verified = false;
        boolean keyListed = false;
        for (JsonNode sig : env.path("signatures")) {
            if (!keyId.equals(sig.path("keyid").asText())) {
                continue;
            }
            keyListed = true;
            try {
                Signature s = Signature.getInstance(Keys.ALGORITHM);
                s.initVerify(key);
                s.update(pae(payloadType, body));
                byte[] raw = Base64.getDecoder().decode(sig.path("sig").asText());
                // an Ed25519 signature is exactly 64 bytes; the JDK's verifier ignores bytes appended to it
                verified |= raw.length == 64 && Base64.getEncoder().encodeToString(raw).equals(sig.path("sig").asText())
                        && s.verify(raw);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // a malformed signature is a failed one
            }
        }
        if (!keyListed) {
            throw new UserInputException(source + ": no signature by key " + keyId + " (signed by "
                    + env.path("signatures").findValuesAsText("keyid") + ")");
        }
        if (!verified) {
            throw new UserInputException(source + ": the signature by key " + keyId + " does NOT verify: the card was changed"
                    + " after signing, or signed by another key with this id");
        }
        JsonNode document = parse(body, source + " (payload)");
        if (!Arrays.equals(CanonicalJson.bytes(document), body)) {
            throw new UserInputException(source + ": the signed payload is not RFC 8785 canonical JSON");
        }
        return new Opened(document, keyId);
    }

    /** The document inside an envelope, unverified (for reading a card when no public key was given). */
    public static JsonNode unverifiedPayload(JsonNode env, String source) {
        try {
            return parse(Base64.getDecoder().decode(env.path("payload").asText()), source + " (payload)");
        } catch (IllegalArgumentException e) {
            throw new UserInputException(source + ": payload is not valid base64");
        }
    }

    /** Parses JSON refusing duplicate member names (I-JSON, which RFC 8785 requires). */
    public static JsonNode parse(byte[] bytes, String source) {
        try {
            return STRICT.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var where = e.getLocation();
            throw new UserInputException(source + (where == null ? "" : ":" + where.getLineNr() + ":" + where.getColumnNr())
                    + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UserInputException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }
}
