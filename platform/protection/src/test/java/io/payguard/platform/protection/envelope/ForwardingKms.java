package io.payguard.platform.protection.envelope;

import io.payguard.platform.protection.kms.DataKey;
import io.payguard.platform.protection.kms.KeyInfo;
import io.payguard.platform.protection.kms.KeyManagementService;
import io.payguard.platform.protection.kms.KeyPurpose;

/** Delegates every call; tests override what they observe. */
class ForwardingKms implements KeyManagementService {
    private final KeyManagementService delegate;

    ForwardingKms(KeyManagementService delegate) {
        this.delegate = delegate;
    }

    @Override
    public String provider() {
        return delegate.provider();
    }

    @Override
    public KeyInfo ensureKey(String keyName, KeyPurpose purpose) {
        return delegate.ensureKey(keyName, purpose);
    }

    @Override
    public KeyInfo describe(String keyName) {
        return delegate.describe(keyName);
    }

    @Override
    public byte[] encrypt(String k, byte[] p, byte[] ad) {
        return delegate.encrypt(k, p, ad);
    }

    @Override
    public byte[] decrypt(String k, byte[] c, byte[] ad) {
        return delegate.decrypt(k, c, ad);
    }

    @Override
    public DataKey generateDataKey(String k, byte[] ad) {
        return delegate.generateDataKey(k, ad);
    }

    @Override
    public int versionOf(String k, byte[] c) {
        return delegate.versionOf(k, c);
    }

    @Override
    public byte[] mac(String k, byte[] d) {
        return delegate.mac(k, d);
    }

    @Override
    public byte[] sign(String k, byte[] d) {
        return delegate.sign(k, d);
    }

    @Override
    public boolean verify(String k, byte[] d, byte[] s) {
        return delegate.verify(k, d, s);
    }

    @Override
    public byte[] publicKey(String k, int v) {
        return delegate.publicKey(k, v);
    }

    @Override
    public byte[] signWithVersion(String k, int v, byte[] d) {
        return delegate.signWithVersion(k, v, d);
    }

    @Override
    public KeyInfo rotate(String k) {
        return delegate.rotate(k);
    }

    @Override
    public void destroy(String k) {
        delegate.destroy(k);
    }
}
