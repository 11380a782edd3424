package dev.stranglerbookshop.monolith.migration;

import dev.stranglerbookshop.topology.Capability;

/**
 * The router's answer for one call: which side serves it, and what a failure of the service means.
 *
 * @param capability the capability called
 * @param side       MONOLITH (the module answers), SERVICE (the extracted service answers) or SHADOW (both run, the
 *                   module answers, the answers are compared)
 * @param fallsBack  for SERVICE: whether the module answers when the service cannot (a canary), instead of 503 (the
 *                   {@code service} route). A shadow call always gets the module's answer; a MONOLITH call never
 *                   reaches the service.
 */
public record Decision(Capability capability, Side side, boolean fallsBack) {
}
