/**
 * Statistics shared by every module: closed-form intervals for proportions, bootstrap percentile
 * intervals, multiple-testing control and the normal distribution's quantiles.
 */
package org.fairhunt.core.stats;
