package com.orderflow.delay;

import java.time.Instant;

/**
 * What the customer has been told about one waiting line (an open backorder): the BACKORDERED e-mail and a
 * parcel's notice give each line its own date.
 *
 * @param lineNo       the order line
 * @param eta          when it is expected now
 * @param firstPromise its ETA when it was backordered; null for a line planned before V38 without an ETA
 * @param announcedEta the last date a notice gave it since (a delay notice, or an earlier date a parcel's notice
 *                     gave); null while none did
 */
public record LineDelayState(int lineNo, String sku, Instant eta, Instant firstPromise, Instant announcedEta) {

    /** The date the customer's e-mails last named for the line; null for a line without dates of its own. */
    public Instant told() {
        return announcedEta != null ? announcedEta : firstPromise;
    }
}
