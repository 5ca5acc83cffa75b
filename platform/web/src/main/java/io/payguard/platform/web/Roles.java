package io.payguard.platform.web;

/** The realm roles of the payguard Keycloak realm. */
public final class Roles {
    public static final String CUSTOMER = "customer";
    public static final String MERCHANT = "merchant";
    public static final String AUDITOR = "auditor";
    public static final String COMPLIANCE_OFFICER = "compliance-officer";
    public static final String OPERATOR = "operator";
    /** Held by the service accounts of the PayGuard services themselves (private APIs). */
    public static final String SERVICE = "service";

    private Roles() {}
}
