package io.payguard.auth.privacy.application;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.payguard.auth.privacy.application.port.CustomerAccounts;
import io.payguard.auth.privacy.application.port.DsrEvents;
import io.payguard.auth.privacy.application.port.DsrStore;
import io.payguard.auth.privacy.application.port.ExportCrypto;
import io.payguard.auth.privacy.application.port.HoldStore;
import io.payguard.auth.privacy.application.port.Mail;
import io.payguard.auth.privacy.config.PrivacyConfig;
import io.payguard.auth.privacy.domain.DataSubjectRequest;
import io.payguard.auth.privacy.domain.DataSubjectRequest.Outcome;
import io.payguard.auth.privacy.domain.Replies;
import io.payguard.auth.shared.application.port.SubjectProfiles;
import io.payguard.kernel.failure.ApplicationException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Data-subject requests: received, verified by a recent login, then carried out across the suite by the coordinator
 * (export parts gathered, erasure prepared then committed or aborted), completed or refused, each step in one
 * transaction with the events it publishes.
 */
@ApplicationScoped
public class DsrService {

    private static final Logger LOG = Logger.getLogger(DsrService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String COORDINATOR = "system:privacy-coordinator";

    /** A correction's new values (null: unchanged). */
    public record Correction(String name, String phone, String email) {
        public List<String> fields() {
            var fields = new ArrayList<String>();
            if (name != null) fields.add("name");
            if (phone != null) fields.add("phone");
            if (email != null) fields.add("email");
            return fields;
        }
    }

    /** An export as the customer reads it: the signed bundle's JSON, or why it is not there. */
    public sealed interface ExportRead {
        record Ready(String json) implements ExportRead {}

        record Expired() implements ExportRead {}
    }

    private final DsrStore store;
    private final HoldStore holds;
    private final DsrEvents events;
    private final ExportCrypto crypto;
    private final SubjectProfiles profiles;
    private final CustomerAccounts accounts;
    private final Mail mail;
    private final PrivacyConfig config;
    private final Clock clock;

    public DsrService(
            DsrStore store,
            HoldStore holds,
            DsrEvents events,
            ExportCrypto crypto,
            SubjectProfiles profiles,
            CustomerAccounts accounts,
            Mail mail,
            PrivacyConfig config,
            Clock clock) {
        this.store = store;
        this.holds = holds;
        this.events = events;
        this.crypto = crypto;
        this.profiles = profiles;
        this.accounts = accounts;
        this.mail = mail;
        this.config = config;
        this.clock = clock;
    }

    public Uni<DataSubjectRequest> create(
            String subject, String type, String jurisdiction, Instant authTime, Correction correction) {
        Instant now = clock.instant();
        boolean fresh = fresh(authTime, now);
        if (DataSubjectRequest.CORRECTION.equals(type)) {
            if (!fresh) {
                throw reauthenticate();
            }
            if (correction == null || correction.fields().isEmpty()) {
                throw ApplicationException.invalid(
                        "invalid_correction",
                        "Invalid correction",
                        "correction names at least one of name, phone, email");
            }
        }
        Duration deadline = "EU".equals(jurisdiction)
                ? config.deadlines().eu()
                : config.deadlines().cn();
        var request =
                DataSubjectRequest.receive("dsr_" + randomHex(), subject, type, jurisdiction, now, deadline, fresh);
        Uni<DataSubjectRequest> recorded = Panache.withTransaction(
                () -> store.add(request).chain(() -> events.received(request)).replaceWith(request));
        return recorded.flatMap(
                r -> fresh ? start(r.id(), correction) : Uni.createFrom().item(r));
    }

    public Uni<DataSubjectRequest> verify(String id, String subject, Instant authTime) {
        Instant now = clock.instant();
        if (!fresh(authTime, now)) {
            throw reauthenticate();
        }
        return Panache.withTransaction(() -> owned(id, subject, true)
                        .flatMap(r -> store.update(r.verified(now)).replaceWith(r)))
                .flatMap(r -> start(id, null));
    }

    public Uni<DataSubjectRequest> get(String id, String subjectOrNull) {
        return Panache.withSession(() -> owned(id, subjectOrNull, false));
    }

    public Uni<List<DataSubjectRequest>> list(String subjectOrNull, String status, int limit) {
        return Panache.withSession(() -> store.list(subjectOrNull, status, limit));
    }

    public Uni<DataSubjectRequest> refuse(String id, String reason, String officer) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> owned(id, null, true).flatMap(r -> {
            if (r.finished()) {
                return Uni.createFrom().failure(finished(r));
            }
            Uni<Void> abort = DataSubjectRequest.PHASE_COMMIT.equals(r.phase())
                    ? Uni.createFrom()
                            .failure(ApplicationException.stateConflict(
                                    "erasure_committing", "Erasure committing", "The erasure is being committed."))
                    : DataSubjectRequest.PHASE_PREPARE.equals(r.phase())
                            ? events.erasureAbort(r)
                            : Uni.createFrom().voidItem();
            var refused = r.refused("refused_by_officer", reason, now);
            return abort.chain(() -> store.update(refused))
                    .chain(() -> events.refused(refused, officer))
                    .replaceWith(refused);
        }));
    }

    public Uni<ExportRead> export(String id, String subject) {
        return Panache.withSession(() -> owned(id, subject, false).flatMap(r -> {
            if (r.exportSealed() == null) {
                if (r.exportExpiresAt() != null) {
                    return Uni.createFrom().item(new ExportRead.Expired());
                }
                return Uni.createFrom()
                        .failure(ApplicationException.stateConflict(
                                "export_not_ready",
                                "Export not ready",
                                "The export is " + r.status() + "; try again later."));
            }
            if (!r.exportExpiresAt().isAfter(clock.instant())) {
                return Uni.createFrom().item(new ExportRead.Expired());
            }
            return crypto.open(r).map(ExportRead.Ready::new);
        }));
    }

    /** Starts the work of a verified request (or resumes an erasure on hold). */
    Uni<DataSubjectRequest> start(String id, Correction correction) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> store.lock(id)
                .map(Optional::orElseThrow)
                .flatMap(r -> switch (r.type()) {
                    case DataSubjectRequest.CORRECTION -> correct(r, correction, now);
                    case DataSubjectRequest.ACCESS -> startExport(r, now);
                    default -> startErasure(r, now);
                }));
    }

    private Uni<DataSubjectRequest> correct(DataSubjectRequest r, Correction c, Instant now) {
        var done = r.completed(now, List.of(), null);
        return profiles.correct(r.subject(), c.name(), c.phone(), c.email())
                .flatMap(count -> events.profileCorrected(r, c.fields(), count))
                .chain(() -> store.update(done))
                .chain(() -> events.completed(done, r.subject()))
                .replaceWith(done);
    }

    private Uni<DataSubjectRequest> startExport(DataSubjectRequest r, Instant now) {
        return crypto.newRecipient(r.id()).flatMap(recipient -> {
            var next = r.withRecipient(recipient.publicKey(), recipient.sealedSecret())
                    .inPhase(DataSubjectRequest.PHASE_EXPORT, now);
            return store.update(next).chain(() -> events.exportRequested(next)).replaceWith(next);
        });
    }

    private Uni<DataSubjectRequest> startErasure(DataSubjectRequest r, Instant now) {
        return holds.anyActive(r.subject()).flatMap(held -> {
            var next = held ? r.onHold() : r.inPhase(DataSubjectRequest.PHASE_PREPARE, now);
            return store.update(next)
                    .chain(() -> held ? Uni.createFrom().voidItem() : events.erasurePrepare(next))
                    .replaceWith(next);
        });
    }

    /** Resumes the subject's erasures that waited for legal holds (in the caller's transaction). */
    Uni<Void> resumeHeld(String subject) {
        Instant now = clock.instant();
        return store.onHold(subject)
                .flatMap(ids -> io.smallrye.mutiny.Multi.createFrom()
                        .iterable(ids)
                        .onItem()
                        .transformToUniAndConcatenate(
                                id -> store.lock(id).map(Optional::orElseThrow).flatMap(r -> startErasure(r, now)))
                        .collect()
                        .asList()
                        .replaceWithVoid());
    }

    /** Records a participant's reply once and moves the request on when the replies add up. */
    public Uni<Void> reply(String requestId, Replies.Reply reply) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> store.lock(requestId).flatMap(found -> {
                    if (found.isEmpty() || !config.participants().contains(reply.service())) {
                        LOG.debugf("reply %s from %s to an unknown request ignored", reply.kind(), reply.service());
                        return Uni.createFrom().item(false);
                    }
                    return store.addReply(requestId, reply, now).chain(() -> advance(found.get(), now));
                }))
                .flatMap(notify ->
                        notify ? finishErasure(requestId) : Uni.createFrom().voidItem());
    }

    /** Moves the locked request on; true when its erasure's outcome is to be told and the identity deleted. */
    private Uni<Boolean> advance(DataSubjectRequest r, Instant now) {
        if (r.phase() == null || !DataSubjectRequest.IN_PROGRESS.equals(r.status())) {
            return Uni.createFrom().item(false);
        }
        var participants = config.participants();
        return store.replies(r.id()).flatMap(replies -> switch (r.phase()) {
            case DataSubjectRequest.PHASE_EXPORT ->
                replies.exportComplete(participants)
                        ? completeExport(r, replies, now).replaceWith(false)
                        : Uni.createFrom().item(false);
            case DataSubjectRequest.PHASE_PREPARE -> prepared(r, replies, now).replaceWith(false);
            case DataSubjectRequest.PHASE_COMMIT ->
                replies.allAnswered(participants, Replies.DONE)
                        ? committed(r, replies, now).replaceWith(true)
                        : Uni.createFrom().item(false);
            default -> Uni.createFrom().item(false);
        });
    }

    private Uni<Void> completeExport(DataSubjectRequest r, Replies replies, Instant now) {
        Instant expires = now.plus(config.exportTtl());
        return crypto.assemble(r, replies.exportChunks(), now, expires).flatMap(bundle -> {
            var done = r.completed(now, List.of(), null).withExport(bundle, expires);
            return store.update(done).chain(() -> events.completed(done, COORDINATOR));
        });
    }

    private Uni<Void> prepared(DataSubjectRequest r, Replies replies, Instant now) {
        var blocked = replies.firstBlocked();
        if (blocked.isPresent()) {
            var refused = r.refused(blocked.get().code(), blocked.get().detail(), now);
            return events.erasureAbort(r)
                    .chain(() -> store.update(refused))
                    .chain(() -> events.refused(refused, COORDINATOR));
        }
        if (!replies.allAnswered(config.participants(), Replies.READY)) {
            return Uni.createFrom().voidItem();
        }
        var commit = r.withPseudonym("psn_" + randomHex()).inPhase(DataSubjectRequest.PHASE_COMMIT, now);
        return store.update(commit).chain(() -> events.erasureCommit(commit));
    }

    private Uni<Void> committed(DataSubjectRequest r, Replies replies, Instant now) {
        List<Outcome> outcomes = replies.of(Replies.DONE).stream()
                .flatMap(reply -> reply.outcomes().stream())
                .toList();
        var done = r.completed(now, outcomes, DataSubjectRequest.PHASE_NOTIFY);
        return store.update(done).chain(() -> events.completed(done, COORDINATOR));
    }

    /** After the erasure committed everywhere: the customer is told the outcome, then the identity is deleted. */
    Uni<Void> finishErasure(String id) {
        return Panache.withSession(() -> store.find(id)).flatMap(found -> {
            var r = found.orElseThrow();
            if (!DataSubjectRequest.PHASE_NOTIFY.equals(r.phase())) {
                return Uni.createFrom().voidItem();
            }
            return accounts.email(r.subject())
                    .flatMap(email -> email.isEmpty()
                            ? Uni.createFrom().voidItem()
                            : mail.send(email.get(), "Your erasure request " + r.id() + " is complete", outcomeText(r)))
                    .chain(() -> accounts.delete(r.subject()))
                    .chain(() -> Panache.withTransaction(() -> store.lock(id)
                            .flatMap(locked -> store.update(locked.orElseThrow()
                                    .completed(
                                            locked.get().completedAt(),
                                            locked.get().outcome(),
                                            null)))));
        });
    }

    /** A round: asks again where replies are missing, and finishes erasures whose notice is still due. */
    public Uni<Integer> rerequest() {
        Instant now = clock.instant();
        return Panache.withSession(() -> store.due(now.minus(config.rerequestAfter()), 50))
                .flatMap(ids -> io.smallrye.mutiny.Multi.createFrom()
                        .iterable(ids)
                        .onItem()
                        .transformToUniAndConcatenate(id -> ask(id, now)
                                .onFailure()
                                .invoke(e -> LOG.warnf(
                                        "re-request of %s failed: %s",
                                        id, e.getClass().getSimpleName()))
                                .onFailure()
                                .recoverWithNull())
                        .collect()
                        .asList()
                        .map(List::size));
    }

    /** A round: drops expired exports (the stored bundle and the request's data key, shredded). */
    public Uni<Integer> expireExports() {
        Instant now = clock.instant();
        return Panache.withSession(() -> store.expiredExports(now, 50))
                .flatMap(ids -> io.smallrye.mutiny.Multi.createFrom()
                        .iterable(ids)
                        .onItem()
                        .transformToUniAndConcatenate(id -> Panache.withTransaction(() -> store.lock(id)
                                .flatMap(found -> store.update(found.orElseThrow()
                                                .withExport(null, found.get().exportExpiresAt()))
                                        .chain(() -> crypto.shred(id)))))
                        .collect()
                        .asList()
                        .map(List::size));
    }

    private Uni<Void> ask(String id, Instant now) {
        return Panache.withTransaction(() -> store.lock(id).flatMap(found -> {
                    var r = found.orElseThrow();
                    if (r.phase() == null) {
                        return Uni.createFrom().item(false);
                    }
                    var asked = r.asked(now);
                    Uni<Void> publish = switch (r.phase()) {
                        case DataSubjectRequest.PHASE_EXPORT -> events.exportRequested(r);
                        case DataSubjectRequest.PHASE_PREPARE -> events.erasurePrepare(r);
                        case DataSubjectRequest.PHASE_COMMIT -> events.erasureCommit(r);
                        default -> Uni.createFrom().voidItem();
                    };
                    return publish.chain(() -> store.update(asked))
                            .replaceWith(DataSubjectRequest.PHASE_NOTIFY.equals(r.phase()));
                }))
                .flatMap(notify -> notify ? finishErasure(id) : Uni.createFrom().voidItem());
    }

    static String outcomeText(DataSubjectRequest r) {
        var text = new StringBuilder("Your request ")
                .append(r.id())
                .append(" to erase your personal data is complete.\n\n");
        for (Outcome o : r.outcome()) {
            text.append("- ")
                    .append(o.service())
                    .append(", ")
                    .append(o.dataType())
                    .append(": ");
            switch (o.action()) {
                case "erased" -> text.append("erased (").append(o.count()).append(")");
                case "pseudonymised_held" ->
                    text.append("pseudonymised and kept until ")
                            .append(o.holdUntil())
                            .append(" (")
                            .append(o.legalBasis())
                            .append(")");
                default -> text.append("kept (").append(o.legalBasis()).append(")");
            }
            text.append('\n');
        }
        return text.append("\nYour PayGuard account has been closed.\n").toString();
    }

    private Uni<DataSubjectRequest> owned(String id, String subjectOrNull, boolean lock) {
        return (lock ? store.lock(id) : store.find(id))
                .map(found -> found.filter(
                                r -> subjectOrNull == null || r.subject().equals(subjectOrNull))
                        .orElseThrow(() -> ApplicationException.notFound(
                                "data_subject_request_not_found", "Data-subject request not found")));
    }

    private boolean fresh(Instant authTime, Instant now) {
        return authTime != null
                && !authTime.isBefore(now.minus(config.verificationMaxAge()))
                && !authTime.isAfter(now.plusSeconds(60));
    }

    private static ApplicationException reauthenticate() {
        return ApplicationException.notPermitted(
                "reauthentication_required",
                "Fresh login required",
                "Sign in again (the token's auth_time must be recent) and retry.");
    }

    private static ApplicationException finished(DataSubjectRequest r) {
        return ApplicationException.stateConflict(
                "request_finished", "Request finished", "The request is " + r.status() + ".");
    }

    static String randomHex() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
