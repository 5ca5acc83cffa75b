package io.payguard.audit.domain.chain;

/** Tells whether a checkpoint's signature holds (the verifier does not know where keys come from). */
@FunctionalInterface
public interface SignatureCheck {

    boolean holds(Checkpoint checkpoint);
}
