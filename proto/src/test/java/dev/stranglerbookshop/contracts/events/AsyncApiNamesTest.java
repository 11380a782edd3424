package dev.stranglerbookshop.contracts.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The names in code and the contract in {@code proto/asyncapi.yaml} are the same names, both ways. */
class AsyncApiNamesTest {

    static final Path CONTRACT = Path.of("asyncapi.yaml");
    /** Set on dead letters by the consumers' dead-letter strategy; described in the contract's text. */
    static final Set<String> DEAD_LETTER_HEADERS = Set.of(EventHeaders.DEAD_LETTER_REASON,
            EventHeaders.DEAD_LETTER_CAUSE);

    @Test
    void everyTopicIsAChannelAndEveryChannelATopicOrItsDeadLetters() throws IOException {
        JsonNode contract = contract();
        Set<String> addresses = StreamSupport.stream(contract.get("channels").spliterator(), false)
                .map(channel -> channel.get("address").asText()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> topics = new TreeSet<>();
        for (String topic : constants(Topics.class)) {
            if (!topic.equals(Topics.DEAD_LETTER_SUFFIX)) {
                topics.add(topic);
                topics.add(Topics.deadLetters(topic));
            }
        }
        assertThat(topics).isEqualTo(addresses);
        assertThat(Topics.all()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(addresses);
    }

    @Test
    void everyHeaderIsInTheContractAndEveryContractHeaderHasAName() throws IOException {
        JsonNode contract = contract();
        JsonNode headers = contract.at("/components/messageTraits/bookshopEvent/headers");
        Set<String> declared = new TreeSet<>();
        headers.get("properties").fieldNames().forEachRemaining(declared::add);
        Set<String> named = new TreeSet<>(constants(EventHeaders.class));
        named.remove(EventHeaders.PROTOBUF);
        named.removeAll(DEAD_LETTER_HEADERS);
        assertThat(named).isEqualTo(declared);
        assertThat(headers.at("/properties/" + EventHeaders.CONTENT_TYPE + "/const").asText())
                .isEqualTo(EventHeaders.PROTOBUF).isEqualTo(contract.get("defaultContentType").asText());
        assertThat(StreamSupport.stream(headers.get("required").spliterator(), false).map(JsonNode::asText))
                .containsExactlyInAnyOrder(EventHeaders.EVENT_TYPE, EventHeaders.EVENT_ID, EventHeaders.SCHEMA_VERSION);
        assertThat(contract.at("/info/description").asText()).contains(DEAD_LETTER_HEADERS);
    }

    private static JsonNode contract() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(Files.readString(CONTRACT));
    }

    /** The values of a class's public static String constants. */
    private static Set<String> constants(Class<?> names) {
        return Arrays.stream(names.getFields()).filter(f -> Modifier.isStatic(f.getModifiers()))
                .filter(f -> f.getType() == String.class).map(AsyncApiNamesTest::value)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
