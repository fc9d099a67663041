package org.spectrumledger.ledger;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A record component that may be {@code null}, written as JSON {@code null} (one marked {@code
 * JsonInclude(NON_NULL)} is left out instead, and needs no mark). Every other component is never
 * null. The broker's OpenAPI document reads it, as it reads broker-api's own mark.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({
  ElementType.RECORD_COMPONENT,
  ElementType.PARAMETER,
  ElementType.FIELD,
  ElementType.METHOD
})
public @interface Nullable {}
