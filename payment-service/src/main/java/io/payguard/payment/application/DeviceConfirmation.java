package io.payguard.payment.application;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.payguard.kernel.failure.ApplicationException;
import io.payguard.payment.application.port.AuthenticatorStore;
import io.payguard.payment.application.port.CustomerContacts;
import io.payguard.payment.application.port.PaymentStore;
import io.payguard.payment.application.port.ScaNotifier;
import io.payguard.payment.application.port.WebAuthnVerifier;
import io.payguard.payment.config.ScaConfig;
import io.payguard.payment.domain.Authenticator;
import io.payguard.payment.domain.DeviceLinking;
import io.payguard.payment.domain.PaymentIntent;
import io.payguard.payment.domain.PaymentState;
import io.payguard.payment.domain.ScaChallenge;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Device-bound confirmation of a payment in {@code requires_action} (WebAuthn, dynamic linking): the options the app
 * needs ({@code GET authenticate_url}), and the check of an assertion, whose outcome counts on the payment's challenge
 * like a code's. Payments whose risk assessment named a rule of {@code payguard.sca.device-required-rules} pass only
 * this way.
 */
@ApplicationScoped
public class DeviceConfirmation {

    private static final Logger LOG = Logger.getLogger(DeviceConfirmation.class);

    private final PaymentStore payments;
    private final AuthenticatorStore store;
    private final WebAuthnVerifier verifier;
    private final RiskService risk;
    private final CustomerContacts contacts;
    private final ScaNotifier notifier;
    private final ScaConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public DeviceConfirmation(
            PaymentStore payments,
            AuthenticatorStore store,
            WebAuthnVerifier verifier,
            RiskService risk,
            CustomerContacts contacts,
            ScaNotifier notifier,
            ScaConfig config,
            Clock clock) {
        this.payments = payments;
        this.store = store;
        this.verifier = verifier;
        this.risk = risk;
        this.contacts = contacts;
        this.notifier = notifier;
        this.config = config;
        this.clock = clock;
    }

    /**
     * How the customer can answer the challenge: {@code methods} ({@code webauthn} when they have an active
     * authenticator, {@code code} unless the payment needs a device), the WebAuthn request options and the code's
     * channel.
     */
    public record Options(
            PaymentIntent payment,
            List<String> methods,
            String challenge,
            String rpId,
            List<String> allowCredentials,
            long timeoutMillis,
            ScaNotifier.Route code) {}

    public Uni<Options> options(String customer, String id) {
        return Panache.withTransaction(() -> payments.find(id).flatMap(found -> {
            var p = outstanding(customer, found.orElse(null));
            String challengeId = ((PaymentState.RequiresAction) p.state()).challengeId();
            return store.ofCustomer(customer, AuthenticatorService.LIST_LIMIT)
                    .flatMap(all -> store.ruleIds(p.id()).flatMap(rules -> {
                        var active = all.stream()
                                .filter(Authenticator::active)
                                .map(Authenticator::credentialId)
                                .toList();
                        boolean deviceOnly = deviceRequired(rules);
                        var route = deviceOnly ? null : notifier.route(contacts.of(customer));
                        var methods = new java.util.ArrayList<String>();
                        if (!active.isEmpty()) {
                            methods.add("webauthn");
                        }
                        if (!deviceOnly) {
                            methods.add("code");
                        }
                        if (active.isEmpty()) {
                            return Uni.createFrom()
                                    .item(new Options(p, List.copyOf(methods), null, null, List.of(), 0, route));
                        }
                        return nonce(p, challengeId)
                                .map(nonce -> new Options(
                                        p,
                                        List.copyOf(methods),
                                        AuthenticatorService.b64(
                                                DeviceLinking.challenge(nonce, p.id(), p.amount(), p.merchantId())),
                                        config.webauthn().rpId(),
                                        active,
                                        config.webauthn().timeout().toMillis(),
                                        route));
                    }));
        }));
    }

    private Uni<byte[]> nonce(PaymentIntent p, String challengeId) {
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        return store.deviceChallenge(
                        new AuthenticatorStore.DeviceChallenge(p.id(), challengeId, AuthenticatorService.b64(fresh)),
                        clock.instant())
                .map(d -> Base64.getUrlDecoder().decode(d.nonce()));
    }

    private static PaymentIntent outstanding(String customer, PaymentIntent p) {
        if (p == null || !customer.equals(p.customerId())) {
            throw IntentTransitions.notFound();
        }
        if (!(p.state() instanceof PaymentState.RequiresAction)) {
            throw new PaymentConflict(p.status(), "no authentication is outstanding for this payment");
        }
        return p;
    }

    private boolean deviceRequired(List<String> ruleIds) {
        return ruleIds.stream().anyMatch(config.deviceRequiredRules()::contains);
    }

    /** A one-time code is refused (403) for a payment that needs a device-bound confirmation. */
    Uni<Void> requireCodeAllowed(PaymentIntent p) {
        return store.ruleIds(p.id()).map(rules -> {
            if (deviceRequired(rules)) {
                throw ApplicationException.notPermitted(
                        "device_confirmation_required",
                        "Device confirmation required",
                        "this payment must be confirmed with a registered authenticator (WebAuthn), not a code");
            }
            return null;
        });
    }

    /**
     * Checks an assertion over the payment as it is now (its challenge recomputed from the current amount and payee),
     * by one of the customer's active authenticators, with a strictly increasing counter. The outcome is counted on
     * the payment's challenge like a code; a passed one records the authenticator's new counter.
     */
    Uni<ScaChallenge.Outcome> verify(PaymentIntent p, WebAuthnVerifier.Assertion assertion) {
        String challengeId = ((PaymentState.RequiresAction) p.state()).challengeId();
        return store.deviceChallenge(p.id())
                .flatMap(device -> store.byCredentialId(assertion.credentialId())
                        .map(found -> {
                            var a = found.filter(x -> x.customerId().equals(p.customerId()) && x.active())
                                    .orElse(null);
                            if (a == null) {
                                return new Checked(null, WebAuthnVerifier.Verdict.invalid("unknown_credential"));
                            }
                            if (device.isEmpty() || !device.get().challengeId().equals(challengeId)) {
                                return new Checked(a, WebAuthnVerifier.Verdict.invalid("no_device_challenge"));
                            }
                            byte[] challenge = DeviceLinking.challenge(
                                    Base64.getUrlDecoder().decode(device.get().nonce()),
                                    p.id(),
                                    p.amount(),
                                    p.merchantId());
                            return new Checked(a, verifier.verify(assertion, a, challenge, List.of(a.credentialId())));
                        }))
                .flatMap(this::counted)
                .flatMap(c -> {
                    if (!c.verdict().valid()) {
                        LOG.infof(
                                "device confirmation of payment %s refused: %s",
                                p.id(), c.verdict().reason());
                    }
                    return risk.answered(p, c.verdict().valid())
                            .call(outcome -> outcome instanceof ScaChallenge.Outcome.Passed
                                    ? store.update(c.used())
                                    : Uni.createFrom().voidItem());
                });
    }

    private record Checked(Authenticator authenticator, WebAuthnVerifier.Verdict verdict, Authenticator used) {
        Checked(Authenticator authenticator, WebAuthnVerifier.Verdict verdict) {
            this(authenticator, verdict, null);
        }
    }

    /** A valid signature whose counter did not increase is refused as a possible clone. */
    private Uni<Checked> counted(Checked c) {
        if (!c.verdict().valid()) {
            return Uni.createFrom().item(c);
        }
        return Uni.createFrom()
                .item(
                        switch (c.authenticator().used(c.verdict().signCount(), clock.instant())) {
                            case Authenticator.Use.Accepted ok ->
                                new Checked(c.authenticator(), c.verdict(), ok.authenticator());
                            case Authenticator.Use.CloneSuspected clone -> {
                                LOG.warnf(
                                        "authenticator %s: signature counter %d not above %d, possible clone",
                                        c.authenticator().id(), clone.presented(), clone.stored());
                                yield new Checked(
                                        c.authenticator(), WebAuthnVerifier.Verdict.invalid("counter_not_increasing"));
                            }
                        });
    }
}
