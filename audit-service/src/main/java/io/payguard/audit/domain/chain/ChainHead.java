package io.payguard.audit.domain.chain;

import java.util.Arrays;
import java.util.Objects;

/** A position in the chain and the hash of the record there; seq 0 with the genesis hash is the empty chain. */
public record ChainHead(long seq, byte[] hash) {

    public ChainHead {
        Objects.requireNonNull(hash, "hash");
        if (seq < 0 || hash.length != ChainHash.LENGTH) {
            throw new IllegalArgumentException("invalid chain head");
        }
    }

    public static ChainHead genesis() {
        return new ChainHead(0, ChainHash.genesis());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChainHead h && h.seq == seq && Arrays.equals(h.hash, hash);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seq) * 31 + Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return seq + ":" + ChainHash.hex(hash);
    }
}
