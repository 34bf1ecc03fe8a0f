/**
 * The last-mile loop on this machine, end to end: synthesize sentences with flite voices, apply
 * acoustic conditions, transcribe with pocketsphinx, and audit word error rate by voice, accent and
 * condition. Backs {@code fairhunt demo speech} and the integration test.
 */
package org.fairhunt.speech.demo;
