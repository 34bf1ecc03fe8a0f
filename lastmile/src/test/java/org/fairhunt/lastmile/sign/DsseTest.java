package org.fairhunt.lastmile.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.testing.MustRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@MustRun
class DsseTest {
    private static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path dir;

    /** A key pair that is the same on every run (SHA1PRNG is deterministic once seeded before first use). */
    static KeyPair seeded(long seed) throws Exception {
        java.security.SecureRandom r = java.security.SecureRandom.getInstance("SHA1PRNG");
        r.setSeed(seed);
        return Keys.generate(r);
    }

    @Test
    void pae_is_the_dsse_v1_encoding() {
        // the DSSE specification's example: DSSEv1 29 http://example.com/HelloWorld 11 hello world
        assertArrayEquals("DSSEv1 29 http://example.com/HelloWorld 11 hello world".getBytes(StandardCharsets.UTF_8),
                Dsse.pae("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void a_signed_document_verifies_and_any_changed_byte_is_refused() throws Exception {
        KeyPair pair = seeded(1);
        ObjectNode doc = M.createObjectNode();
        doc.put("schema", "fairhunt.card/v1");
        doc.put("wer", 0.123);
        doc.putArray("slices").addObject().put("accent", "scottish");
        String id = Keys.keyId(pair.getPublic());
        byte[] file = Dsse.seal(doc, Dsse.CARD_TYPE, pair.getPrivate(), id).getBytes(StandardCharsets.UTF_8);
        Dsse.Opened opened = Dsse.open(file, "card.json", Dsse.CARD_TYPE, pair.getPublic());
        assertEquals(doc, opened.document());
        assertEquals(id, opened.keyId());
        // every single-byte change anywhere in the file (to another printable character) is refused
        int refused = 0;
        for (int i = 0; i < file.length; i++) {
            byte[] changed = file.clone();
            changed[i] = (byte) (file[i] == 'A' ? 'B' : file[i] == '\n' ? ' ' : 'A');
            try {
                Dsse.open(changed, "card.json", Dsse.CARD_TYPE, pair.getPublic());
            } catch (UserInputException e) {
                refused++;
            }
        }
        assertEquals(file.length, refused, "every changed byte must be refused");
    }

    @Test
    void another_key_is_refused() throws Exception {
        KeyPair signer = seeded(2);
        KeyPair other = seeded(3);
        ObjectNode doc = M.createObjectNode().put("a", 1);
        byte[] file = Dsse.seal(doc, Dsse.CARD_TYPE, signer.getPrivate(), Keys.keyId(signer.getPublic()))
                .getBytes(StandardCharsets.UTF_8);
        UserInputException e = assertThrows(UserInputException.class,
                () -> Dsse.open(file, "card.json", Dsse.CARD_TYPE, other.getPublic()));
        assertTrue(e.getMessage().contains("no signature by key"), e.getMessage());
        // a signature listed under the other key's id still fails
        byte[] forged = Dsse.seal(doc, Dsse.CARD_TYPE, signer.getPrivate(), Keys.keyId(other.getPublic()))
                .getBytes(StandardCharsets.UTF_8);
        assertTrue(assertThrows(UserInputException.class, () -> Dsse.open(forged, "card.json", Dsse.CARD_TYPE, other.getPublic()))
                .getMessage().contains("does NOT verify"));
    }

    @Test
    void keys_round_trip_through_pem_files() throws Exception {
        KeyPair pair = seeded(1);
        Path[] files = Keys.write(pair, dir.resolve("provider"));
        assertTrue(Files.readString(files[0]).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertTrue(Files.readString(files[1]).startsWith("-----BEGIN PUBLIC KEY-----"));
        assertEquals(Keys.keyId(pair.getPublic()), Keys.keyId(Keys.readPublic(files[1])));
        assertArrayEquals(pair.getPrivate().getEncoded(), Keys.readPrivate(files[0]).getEncoded());
        assertThrows(UserInputException.class, () -> Keys.write(pair, dir.resolve("provider")), "no overwrite of a private key");
        assertThrows(UserInputException.class, () -> Keys.readPublic(files[0]), "a private key is not a public key");
    }
}
