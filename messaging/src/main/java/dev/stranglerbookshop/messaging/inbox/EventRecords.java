package dev.stranglerbookshop.messaging.inbox;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Reading a record as {@code proto/asyncapi.yaml} describes it, written once for every consumer: its headers (one
 * UTF-8 value each) and the rule that whatever a record's own bytes make fail is a {@link PoisonEvent}.
 */
public final class EventRecords {

    private EventRecords() {
    }

    /**
     * Runs a consumer's reader on a record, so that nothing but a {@link PoisonEvent} escapes it.
     *
     * @param reader turns the record into what the consumer applies; it depends only on the record's bytes
     * @return what {@code reader} answered
     * @throws PoisonEvent what the reader threw as one, or any other exception it threw, wrapped as
     *         "unreadable record: ...": whatever fails here would fail again on every retry
     */
    public static <K, T> T read(ConsumerRecord<K, byte[]> record, Function<ConsumerRecord<K, byte[]>, T> reader) {
        try {
            return reader.apply(record);
        } catch (PoisonEvent e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PoisonEvent("unreadable record: " + e, e);
        }
    }

    /**
     * The header's value, or null when it is absent. The contract gives each header one string value.
     *
     * @throws PoisonEvent for a header that is repeated (which one counts?), has no value or is not UTF-8: not one a
     *         relay wrote
     */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header found = null;
        for (Header header : record.headers().headers(name)) {
            if (found != null) {
                throw new PoisonEvent("header " + name + " appears more than once");
            }
            found = header;
        }
        if (found == null) {
            return null;
        }
        if (found.value() == null) {
            throw new PoisonEvent("header " + name + " has no value");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(found.value())).toString();
        } catch (CharacterCodingException e) {
            throw new PoisonEvent("header " + name + " is not UTF-8");
        }
    }
}
