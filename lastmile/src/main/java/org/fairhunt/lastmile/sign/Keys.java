package org.fairhunt.lastmile.sign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.io.AtomicFiles;

/**
 * Ed25519 keys from the JDK's own provider (no extra crypto library), stored as PEM: the private key
 * in PKCS #8 ({@code -----BEGIN PRIVATE KEY-----}, readable by {@code openssl pkey}), the public key
 * as X.509 SubjectPublicKeyInfo ({@code -----BEGIN PUBLIC KEY-----}). A key's id is the first 16 bytes
 * of the SHA-256 of its public key's DER encoding, in hex.
 */
public final class Keys {
    static final String ALGORITHM = "Ed25519";

    private Keys() {
    }

    public static KeyPair generate() {
        return generate(new java.security.SecureRandom());
    }

    /** A key pair from {@code random} (tests pass a seeded generator so that their keys, and signatures, repeat). */
    public static KeyPair generate(java.security.SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(ALGORITHM);
            g.initialize(255, random);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519 (it is standard since Java 15)", e);
        }
    }

    /** Writes {@code base.key} (owner read/write only where the file system allows) and {@code base.pub}; returns both paths. */
    public static Path[] write(KeyPair pair, Path base) {
        Path key = base.resolveSibling(base.getFileName() + ".key");
        Path pub = base.resolveSibling(base.getFileName() + ".pub");
        if (Files.exists(key)) {
            throw new UserInputException(key + " exists; refusing to overwrite a private key (remove it first)");
        }
        try {
            if (key.toAbsolutePath().getParent() != null) {
                Files.createDirectories(key.toAbsolutePath().getParent());
            }
            byte[] privatePem = pem("PRIVATE KEY", pair.getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII);
            // owner-only from the start: the key is never readable by others, not even for a moment
            AtomicFiles.write(key, PosixFilePermissions.fromString("rw-------"), out -> out.write(privatePem));
            AtomicFiles.writeString(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (IOException e) {
            throw new UserInputException("cannot write the key pair " + base + ": " + e.getMessage(), e);
        }
        return new Path[] {key, pub};
    }

    public static PrivateKey readPrivate(Path file) {
        byte[] der = readPem(file, "PRIVATE KEY");
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new UserInputException(file + ": not an Ed25519 private key in PKCS #8 (" + e.getMessage() + ")");
        }
    }

    public static PublicKey readPublic(Path file) {
        byte[] der = readPem(file, "PUBLIC KEY");
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new UserInputException(file + ": not an Ed25519 public key in X.509 SubjectPublicKeyInfo (" + e.getMessage() + ")");
        }
    }

    /** The key's id: hex of the first 16 bytes of SHA-256 over the public key's DER. */
    public static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static byte[] readPem(Path file, String type) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b < 0 || e < b) {
            throw new UserInputException(file + ": expected a PEM block '" + begin + "'"
                    + (text.contains("-----BEGIN ") ? ", found '" + text.substring(text.indexOf("-----BEGIN "),
                    Math.min(text.length(), text.indexOf("-----BEGIN ") + 40)).strip() + "'" : ""));
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
        } catch (IllegalArgumentException ex) {
            throw new UserInputException(file + ": the PEM block is not valid base64 (" + ex.getMessage() + ")");
        }
    }
}
