/** Checks on real data sets from the shared data folder; skipped when it is absent. */
package org.fairhunt.discovery.realdata;
