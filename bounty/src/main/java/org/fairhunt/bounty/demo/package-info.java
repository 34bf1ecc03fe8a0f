/**
 * A whole bounty program on real data (Boston HMDA mortgage applications, shipped as a resource):
 * seeded splits, a weak base model, scripted hunters with accepted and rejected submissions, a repair,
 * the automated hunter, and the leaderboard.
 */
package org.fairhunt.bounty.demo;
