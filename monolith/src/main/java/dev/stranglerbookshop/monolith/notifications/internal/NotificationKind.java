package dev.stranglerbookshop.monolith.notifications.internal;

/** What a notification is about; each has a mail template {@code templates/mail/<template>.txt}. */
public enum NotificationKind {
    WELCOME("welcome"), ORDER_PLACED("order-placed"), ORDER_SHIPPED("order-shipped");

    final String template;

    NotificationKind(String template) {
        this.template = template;
    }
}
