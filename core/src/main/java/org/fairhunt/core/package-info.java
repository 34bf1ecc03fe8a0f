/** Tables, readers, metrics and their accumulators, the audit engine and its result. */
package org.fairhunt.core;
