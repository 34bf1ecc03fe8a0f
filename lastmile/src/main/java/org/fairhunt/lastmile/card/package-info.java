/**
 * Service cards ({@code fairhunt.card/v1}): the evidence section an audit carries (sufficient statistics,
 * clusters and bootstrap replicates per slice), building a card from an audit and the provider's
 * description, reading a card back (verifying its signature), and signing it.
 */
package org.fairhunt.lastmile.card;
