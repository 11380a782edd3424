package dev.stranglerbookshop.platform.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
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
 * The {@link TextPolicy} on every JSON string value and object key a REST endpoint reads: a refused one fails the
 * parse with {@link Refused}, which the problem mappers answer with 400 naming the field ({@code items[0].title}). A
 * text field also takes only a JSON string: a number or a boolean there is refused (400), not turned into text.
 */
@Singleton
public class TextPolicyJson implements ObjectMapperCustomizer {

    /** A string that breaks the policy, at its place in the document. */
    public static final class Refused extends InvalidFormatException {
        Refused(JsonParser parser, String value) {
            super(parser, TextPolicy.RULE, value, String.class);
        }
    }

    @Override
    public void customize(ObjectMapper mapper) {
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
