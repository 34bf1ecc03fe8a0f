package org.fairhunt.speech.audio;

/**
 * Mono audio as floating-point samples in [-1, 1] at a sample rate in Hz. Immutable by convention: the
 * conditions return new instances and never modify their input's array.
 */
public record Audio(float[] samples, int sampleRate) {

    public Audio {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
    }

    public int length() {
        return samples.length;
    }

    public double seconds() {
        return (double) samples.length / sampleRate;
    }
}
