package com.orderflow.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Text fields of the API take JSON strings only. Jackson would otherwise store {@code "orderId": 0}
 * or {@code "token": true} as "0" and "true": a client sending a number where text belongs has a
 * bug that a 400 naming the field shows at once, where a stored order would hide it. Choices such as
 * {@code shipPolicy} and {@code backorderPolicy} take their names only: Jackson would read
 * {@code 1} or {@code "1"} as the second constant, so an order would ship {@code COMPLETE} because
 * of where the constant stands in the code.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer textAndChoicesTakeStringsOnly() {
        return builder -> builder.featuresToEnable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .postConfigurer(mapper -> mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
