/**
 * A small worker pool for the data-parallel loops of every module (the engine's blocks, speech
 * alignment chunks, slice-search partitions): daemon threads, results in task order, and a failing
 * task's own exception rethrown to the caller.
 */
package org.fairhunt.core.concurrent;
