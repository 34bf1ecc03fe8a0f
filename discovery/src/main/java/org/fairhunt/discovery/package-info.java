/** Failing-subgroup discovery and coverage of condition combinations. */
package org.fairhunt.discovery;
