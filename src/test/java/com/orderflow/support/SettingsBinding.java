package com.orderflow.support;

import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Binds one setting the way the service's start binds it, to see what a wrong value does. */
public final class SettingsBinding {

    private SettingsBinding() {
    }

    /** What binding {@code prefix.setting=value} throws, or null when it is taken. */
    public static Throwable refusalOf(Class<?> settings, String prefix, String setting, String value) {
        return catchThrowable(() -> new Binder(new MapConfigurationPropertySource(Map.of(prefix + "." + setting, value)))
                .bindOrCreate(prefix, settings));
    }
}
