package io.payguard.wallet.adapter.out.messaging;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.Outbox;
import io.payguard.wallet.application.Ids;
import io.payguard.wallet.application.port.LedgerEvents;
import io.payguard.wallet.domain.JournalEntry;
import io.smallrye.mutiny.Uni;

/**
 * {@code ledger.entry.posted.v1} on {@code ledger.events}, keyed by the entry's first account, appended to the
 * {@link Outbox} in the caller's transaction (the one that posts the entry).
 */
@ApplicationScoped
public class OutboxLedgerEvents implements LedgerEvents {

    public static final String LEDGER_EVENTS = "ledger.events";
    public static final String ENTRY_POSTED = "io.payguard.ledger.entry.posted.v1";

    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Ids ids;

    public OutboxLedgerEvents(Outbox outbox, ObjectMapper mapper, Clock clock, Ids ids) {
        this.outbox = outbox;
        this.mapper = mapper;
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public Uni<Void> entryPosted(JournalEntry entry) {
        var data = mapper.createObjectNode();
        data.put("entryId", entry.id().toString());
        data.put("kind", entry.kind().id());
        data.put("reference", entry.reference());
        data.put("postedAt", entry.postedAt().toString());
        if (entry.reverses() != null) {
            data.put("reverses", entry.reverses().toString());
        }
        var legs = data.putArray("postings");
        for (var p : entry.postings()) {
            var leg = legs.addObject();
            leg.put("accountId", p.account().value());
            var amount = leg.putObject("amount");
            amount.put("minor", p.amount().minor());
            amount.put("currency", p.amount().currencyCode());
        }
        String key = entry.postings().get(0).account().value();
        var event = CloudEvent.of(
                ids.next().toString(),
                "/payguard/wallet-service",
                ENTRY_POSTED,
                "entry/" + entry.id(),
                clock.instant(),
                data);
        return outbox.append(LEDGER_EVENTS, "journal-entry", key, event);
    }
}
