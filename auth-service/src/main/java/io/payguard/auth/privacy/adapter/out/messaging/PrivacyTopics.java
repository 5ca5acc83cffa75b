package io.payguard.auth.privacy.adapter.out.messaging;

/** The privacy topics (contract: issue 18); platform/messaging {@code TopicSetup} creates them. */
public final class PrivacyTopics {

    public static final String CONSENTS = "privacy.consents";
    public static final String REQUESTS = "privacy.requests";
    public static final String REPLIES = "privacy.replies";

    private PrivacyTopics() {}
}
