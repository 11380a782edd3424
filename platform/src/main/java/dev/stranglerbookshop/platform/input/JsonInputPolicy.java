package dev.stranglerbookshop.platform.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a JSON body may be, for every REST endpoint: each string value and object key keeps to the {@link TextPolicy}
 * (else {@link Refused}: 400 naming the field, {@code items[0].title}), in the fields an endpoint reads and in those it
 * ignores; a text field takes a JSON string, not a number or a boolean, and a number field a JSON number, not a string
 * ({@code "1"}) and, for a whole number, not a fraction ({@code 1.9} is not 1); an id is a UUID exactly as written
 * (nothing trimmed); a key appears once per object (a repeated key would make "which value counts" the parser's
 * guess); and nothing follows the document. The last two fail the parse: 400 {@code malformed-json}.
 */
@Singleton
public class JsonInputPolicy implements ObjectMapperCustomizer {

    /** A string that breaks the policy, at its place in the document. */
    public static final class Refused extends InvalidFormatException {
        Refused(JsonParser parser, String value) {
            super(parser, TextPolicy.RULE, value, String.class);
        }
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // Jackson would read "1" as 1, "12.00" as 12.00 and 1.9 as 1: a client's mistake, silently "corrected".
        for (LogicalType numbers : new LogicalType[] {LogicalType.Integer, LogicalType.Float}) {
            mapper.coercionConfigFor(numbers).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        SimpleModule module = new SimpleModule("bookshop-text-policy");
        module.addDeserializer(String.class, new PolicedStrings());
        module.addDeserializer(UUID.class, new ExactUuids());
        module.addKeyDeserializer(String.class, new PolicedKeys());
        mapper.registerModule(module);
        mapper.addHandler(new PolicedUnknownFields());
    }

    /** Jackson's own UUID reader trims whitespace and control characters: {@code "<id>\u0000"} became the id. */
    private static final class ExactUuids extends StdScalarDeserializer<UUID> {
        private static final Pattern UUID_TEXT = Pattern.compile(
                "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

        ExactUuids() {
            super(UUID.class);
        }

        @Override
        public UUID deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (UUID) context.handleUnexpectedToken(UUID.class, parser);
            }
            String text = parser.getText();
            if (!TextPolicy.accepts(text)) {
                throw new Refused(parser, text);
            }
            if (!UUID_TEXT.matcher(text).matches()) {
                throw new InvalidFormatException(parser, "must be a UUID such as 5f0c6c9e-2b1d-4b4e-9a51-0d6f1c1e8a11",
                        text, UUID.class);
            }
            return UUID.fromString(text);
        }
    }

    /**
     * Fields an endpoint does not read are skipped, but not unchecked: their keys and every string in their values
     * keep to the same policy, so "every string and key" holds for the whole body.
     */
    private static final class PolicedUnknownFields extends DeserializationProblemHandler {
        @Override
        public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                JsonDeserializer<?> deserializer, Object beanOrClass, String name) throws IOException {
            check(parser, name);
            JsonToken token = parser.currentToken();
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                int depth = 0;
                while (true) { // leaves the parser on the value's last token, as skipping it would
                    token = parser.currentToken();
                    if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                        depth++;
                    } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                        depth--;
                    } else if (token == JsonToken.FIELD_NAME || token == JsonToken.VALUE_STRING) {
                        check(parser, parser.getText());
                    }
                    if (depth == 0) {
                        break;
                    }
                    parser.nextToken();
                }
            } else if (token == JsonToken.VALUE_STRING) {
                check(parser, parser.getText());
            }
            return true;
        }

        private static void check(JsonParser parser, String text) throws Refused {
            if (!TextPolicy.accepts(text)) {
                throw new Refused(parser, text);
            }
        }
    }

    private static final class PolicedStrings extends StdScalarDeserializer<String> {
        PolicedStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != null && parser.currentToken().isScalarValue()
                    && parser.currentToken() != JsonToken.VALUE_STRING && parser.currentToken() != JsonToken.VALUE_NULL) {
                // A text field takes a JSON string: 5 or true is a client's mistake, not the text "5" or "true".
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (!TextPolicy.accepts(value)) {
                throw new Refused(parser, value);
            }
            return value;
        }
    }

    private static final class PolicedKeys extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            if (!TextPolicy.accepts(key)) {
                throw new Refused(context.getParser(), key);
            }
            return key;
        }
    }
}
