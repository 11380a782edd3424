/**
 * The web pages: the shop for customers and the live migration panel for administrators, server-rendered (Qute) with
 * htmx for partial updates. The pages are one more client of the public API, which they call over loopback exactly
 * as a browser script or curl would ({@link dev.stranglerbookshop.monolith.web.internal.ShopApi}): they depend on no
 * module, so they never change while a capability moves from the monolith to its service (the seed's strangler facade:
 * "the UI never notices"). The panel reads the stage plan (topology) and the admin API.
 */
package dev.stranglerbookshop.monolith.web;
