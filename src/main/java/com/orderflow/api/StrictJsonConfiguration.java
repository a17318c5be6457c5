package com.orderflow.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every field of the API takes its own JSON type (a number may also come as numeric text, as money
 * often does), and a client that sends another has a bug that a 400 naming the field shows at once,
 * where a stored value would hide it. Jackson would otherwise store {@code "orderId": 0} as "0", read
 * {@code "shipPolicy": 1} as the second constant ({@code COMPLETE}), {@code "dropShip": 7} as true,
 * {@code "minOrderQuantity": ""} as absent, and {@code "leadTime": 5} as five seconds where the
 * client meant days. For the same reason a field the request does not have is refused: a misspelt
 * optional field ({@code "backorder_policy": "DENY"}, {@code "dropship": true}) was dropped and its
 * default stored, the opposite of what was asked. A field given twice is refused too: parsers
 * disagree on which one counts, and {@code orderId} is an idempotency key. Anything after the body's
 * value is refused: two orders sent as one body placed the first and dropped the second unseen. A duration is written
 * back the way it is read ({@link DurationText}).
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

    /** The reason a text with the NUL character is refused, as the problem response gives it. */
    static final String NUL_REFUSED = "must not hold the NUL character (\\u0000)";

    /** The reason a text with half a surrogate pair is refused, as the problem response gives it. */
    static final String LONE_SURROGATE_REFUSED = "must be valid Unicode: it holds half of a surrogate pair";

    /** Why a JSON text is refused, or null when it is taken. */
    static String refusal(String text) {
        if (text.indexOf('\0') >= 0) {
            return NUL_REFUSED;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return LONE_SURROGATE_REFUSED;
            }
        }
        return null;
    }

    @Bean
    Jackson2ObjectMapperBuilderCustomizer fieldsTakeTheirOwnJsonTypes() {
        return builder -> builder.featuresToEnable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                        DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .deserializerByType(Duration.class, new IsoDurationDeserializer())
                .deserializerByType(String.class, new NulFreeStringDeserializer())
                .serializerByType(Duration.class, new DurationText.Serializer())
                .postConfigurer(mapper -> {
                    mapper.coercionConfigFor(LogicalType.Textual)
                            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
                    mapper.coercionConfigFor(LogicalType.Boolean)
                            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                            .setAcceptBlankAsEmpty(true);
                    for (LogicalType number : new LogicalType[] {LogicalType.Integer, LogicalType.Float}) {
                        mapper.coercionConfigFor(number)
                                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                                .setAcceptBlankAsEmpty(true);
                    }
                });
    }

    /**
     * Text without the NUL character: PostgreSQL refuses it in any text value, so a SKU, a name or a reason
     * holding one got as far as the first statement and failed there with a 500. No field of the API means it.
     * Nor half a surrogate pair ({@code "\\uD83D"}), which JSON can escape but UTF-8 cannot encode: the driver
     * stored it as {@code ?}, so a name read back other than it was sent.
     */
    static final class NulFreeStringDeserializer extends StdScalarDeserializer<String> {

        NulFreeStringDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            String refusal = text == null ? null : refusal(text);
            if (refusal != null) {
                return (String) context.handleWeirdStringValue(String.class, text, refusal);
            }
            return text;
        }
    }

    /**
     * A duration is an ISO-8601 text such as {@code P5D}, or whole weeks ({@code P2W}), as suppliers quote
     * lead times and ISO-8601 writes them, though {@link Duration#parse} reads no weeks; JSON null stays absent.
     */
    static final class IsoDurationDeserializer extends StdScalarDeserializer<Duration> {

        private static final Pattern WEEKS = Pattern.compile("[Pp]([0-9]{1,9})[Ww]");

        IsoDurationDeserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (Duration) context.handleUnexpectedToken(Duration.class, parser);
            }
            String text = parser.getText().strip();
            Matcher weeks = WEEKS.matcher(text);
            if (weeks.matches()) {
                return Duration.ofDays(7 * Long.parseLong(weeks.group(1)));
            }
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException notIso) {
                return (Duration) context.handleWeirdStringValue(Duration.class, text,
                        "not an ISO-8601 duration such as P5D or P2W");
            }
        }
    }
}
