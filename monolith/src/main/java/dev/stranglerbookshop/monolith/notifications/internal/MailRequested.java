package dev.stranglerbookshop.monolith.notifications.internal;

/** A mail to send once the transaction that recorded the notification has committed. */
record MailRequested(String to, String subject, String body) {
}
