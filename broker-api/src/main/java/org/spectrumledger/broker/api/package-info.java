/**
 * The broker's wire contract, version 1: every request and response body of its HTTP API as a
 * record, the one mapper they are written and read with ({@link
 * org.spectrumledger.broker.api.WireJson}), the OpenAPI 3.1 document that describes them ({@code
 * openapi.json} next to these classes, served at {@code /v1/openapi.json}), and a typed client
 * ({@link org.spectrumledger.broker.api.BrokerClient}). The broker, the operator's node, the
 * explorer and the command line all use these types; none reads a response by string paths.
 *
 * <p>Units: quantities in milli-SRU, prices in token base units per SRU, slot bounds and {@code
 * validUntil} in unix seconds, {@code createdAt}/{@code settledAt} in unix milliseconds.
 */
package org.spectrumledger.broker.api;
