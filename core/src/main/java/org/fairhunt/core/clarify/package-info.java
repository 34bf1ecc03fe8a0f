/**
 * The SageMaker Clarify bias metrics, with the definitions and sign conventions of its open-source core
 * {@code smclarify} ({@code src/smclarify/bias/metrics/pretraining.py}, {@code posttraining.py} and
 * {@code common.py} in github.com/aws/amazon-sagemaker-clarify). A facet {@code d} (an attribute value, a
 * set of values, or an intersection) is compared with the rest {@code a}. Every metric is a function of
 * per-facet counts, so {@link org.fairhunt.core.clarify.ClarifyStatistic} adds those counts to the
 * engine's single pass and the Poisson bootstrap gives each metric an interval for free;
 * {@link org.fairhunt.core.clarify.ClarifyReport} turns them into the {@code clarify} section of the JSON.
 */
package org.fairhunt.core.clarify;
