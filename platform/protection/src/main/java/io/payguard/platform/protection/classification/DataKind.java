package io.payguard.platform.protection.classification;

/** What a classified datum is; drives masking and log redaction. Each kind has the class it normally carries. */
public enum DataKind {
    PAN(DataClass.C2),
    ACCOUNT_NUMBER(DataClass.C2),
    ID_NUMBER(DataClass.C2),
    PHONE(DataClass.C2),
    EMAIL(DataClass.C2),
    NAME(DataClass.C2),
    ADDRESS(DataClass.C2),
    BIRTH_DATE(DataClass.C2),
    BALANCE(DataClass.C2),
    TRANSACTION_DETAIL(DataClass.C2),
    IP_ADDRESS(DataClass.C2),
    CVV(DataClass.C3),
    PIN(DataClass.C3),
    PASSWORD(DataClass.C3),
    OTP(DataClass.C3),
    SECRET(DataClass.C3),
    /** Not personal; used with {@link DataClass#C1} to state that a personal-looking name is not personal. */
    INTERNAL(DataClass.C1);

    private final DataClass defaultClass;

    DataKind(DataClass defaultClass) {
        this.defaultClass = defaultClass;
    }

    public DataClass defaultClass() {
        return defaultClass;
    }
}
