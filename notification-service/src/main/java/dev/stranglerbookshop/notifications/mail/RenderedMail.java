package dev.stranglerbookshop.notifications.mail;

/** A mail as it would be sent. */
public record RenderedMail(String recipient, String subject, String body) {
}
