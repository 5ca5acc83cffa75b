package io.payguard.platform.protection.quarkus;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.Outbox;
import io.payguard.platform.messaging.Topics;
import io.smallrye.mutiny.Uni;

/**
 * The only way to unmasked personal data: the caller must hold one of the reveal roles and state a
 * purpose; every access appends an {@value #EVENT_TYPE} record (actor {subject, roles}, data subject, field
 * names, purpose, service, action, outcome: the audit-service's contract) to the outbox in the same transaction as the read, so no read goes unaudited. Call inside
 * {@code @WithTransaction}.
 */
@ApplicationScoped
public class PersonalDataAccess {

    public static final String EVENT_TYPE = "io.payguard.audit.pii-access.v1";

    /** Who is asking: the authenticated subject and its roles. */
    public record Accessor(String subject, Set<String> roles) {}

    /** Refused: no reveal role or no purpose. Services answer 403. */
    public static final class AccessRefused extends RuntimeException {
        public AccessRefused(String message) {
            super(message);
        }
    }

    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final String service;
    private final Set<String> revealRoles;

    public PersonalDataAccess(
            Outbox outbox,
            ObjectMapper mapper,
            Clock clock,
            @ConfigProperty(name = "quarkus.application.name") String service,
            @ConfigProperty(name = "payguard.protection.reveal-roles", defaultValue = "compliance-officer")
                    Set<String> revealRoles) {
        this.outbox = outbox;
        this.mapper = mapper;
        this.clock = clock;
        this.service = service;
        this.revealRoles = revealRoles;
    }

    public <T> Uni<T> reveal(
            Accessor accessor, String dataSubject, List<String> fields, String purpose, Supplier<Uni<T>> read) {
        if (accessor == null || accessor.roles().stream().noneMatch(revealRoles::contains)) {
            return Uni.createFrom()
                    .failure(new AccessRefused("unmasked personal data needs one of the roles " + revealRoles));
        }
        if (purpose == null || purpose.strip().length() < 5) {
            return Uni.createFrom().failure(new AccessRefused("a purpose is required to see unmasked personal data"));
        }
        ObjectNode data = mapper.createObjectNode();
        ObjectNode actor = data.putObject("actor");
        actor.put("subject", accessor.subject());
        var roles = actor.putArray("roles");
        accessor.roles().stream().sorted().forEach(roles::add);
        data.put("dataSubject", dataSubject);
        var fieldArray = data.putArray("fields");
        fields.forEach(fieldArray::add);
        data.put("purpose", purpose.strip().length() > 512 ? purpose.strip().substring(0, 512) : purpose.strip());
        data.put("service", service);
        data.put("action", "personal-data.read");
        data.put("outcome", "success");
        var event = CloudEvent.of(
                UUID.randomUUID().toString(),
                "/payguard/" + service,
                EVENT_TYPE,
                "data-subject/" + dataSubject,
                clock.instant(),
                data);
        return outbox.append(Topics.AUDIT_RECORDS, "pii-access", dataSubject, event)
                .flatMap(ignored -> read.get());
    }
}
