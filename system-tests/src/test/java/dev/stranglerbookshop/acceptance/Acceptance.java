package dev.stranglerbookshop.acceptance;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An acceptance test: runs against the system under test of the chosen stage (see {@link SystemUnderTest}). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(SystemUnderTest.class)
public @interface Acceptance {
}
