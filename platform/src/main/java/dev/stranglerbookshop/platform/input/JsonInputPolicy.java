package dev.stranglerbookshop.platform.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * What a JSON body may be, for every REST endpoint: each string value and object key keeps to the {@link TextPolicy}
 * (else {@link Refused}: 400 naming the field, {@code items[0].title}); a text field takes a JSON string, not a number
 * or a boolean; a key appears once per object (a repeated key would make "which value counts" the parser's guess); and
 * nothing follows the document. The last two fail the parse: 400 {@code malformed-json}.
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
        SimpleModule module = new SimpleModule("bookshop-text-policy");
        module.addDeserializer(String.class, new PolicedStrings());
        module.addKeyDeserializer(String.class, new PolicedKeys());
        mapper.registerModule(module);
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
