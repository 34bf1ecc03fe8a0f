/**
 * Audio for last-mile tests: reading and writing PCM WAV, signal measurements (RMS over the active
 * part, SNR, band power), a windowed-sinc FIR band-pass and resampler, and the named, parameterized,
 * seeded acoustic conditions (white and pink noise at a target SNR, a periodic tone, the telephone
 * band, clipping, gain) that {@code fairhunt augment} applies.
 */
package org.fairhunt.speech.audio;
