#!/usr/bin/env bash
# Generates a local certificate authority and one TLS certificate per PayGuard service, with keytool only
# (from the JDK), for ./dev up and local HTTPS. Idempotent: existing files are kept.
#
#   make-certs.sh OUT_DIR [service ...]      (default services: auth-service payment-service wallet-service audit-service)
#
# Env: PAYGUARD_TLS_STORE_PASSWORD  password of every generated PKCS#12 file (required: put it in .dev/secrets.env)
#      PAYGUARD_TLS_VALIDITY_DAYS   certificate validity (default 397)
# Out: OUT_DIR/ca.p12 (CA key, keep private), OUT_DIR/ca.crt (PEM, what users trust),
#      OUT_DIR/truststore.p12 (the CA only), OUT_DIR/<service>.p12 (key + chain, SAN localhost,127.0.0.1,<service>)
set -euo pipefail
out=${1:?usage: make-certs.sh OUT_DIR [service ...]}
shift || true
services=("$@")
[ ${#services[@]} -gt 0 ] || services=(auth-service payment-service wallet-service audit-service)
pw=${PAYGUARD_TLS_STORE_PASSWORD:?set PAYGUARD_TLS_STORE_PASSWORD}
days=${PAYGUARD_TLS_VALIDITY_DAYS:-397}
command -v keytool >/dev/null || { echo "keytool not found: put a JDK's bin on PATH" >&2; exit 1; }
umask 077
mkdir -p "$out"

if [ ! -f "$out/ca.p12" ]; then
  keytool -genkeypair -alias payguard-ca -keyalg EC -groupname secp384r1 -sigalg SHA384withECDSA -validity 3650 \
    -dname "CN=PayGuard Local Development CA,O=PayGuard" -ext bc:c=ca:true,pathlen:0 -ext ku:c=keyCertSign,cRLSign \
    -storetype PKCS12 -keystore "$out/ca.p12" -storepass "$pw" >/dev/null
fi
keytool -exportcert -rfc -alias payguard-ca -keystore "$out/ca.p12" -storepass "$pw" > "$out/ca.crt"
if [ ! -f "$out/truststore.p12" ]; then
  keytool -importcert -noprompt -alias payguard-ca -file "$out/ca.crt" -storetype PKCS12 -keystore "$out/truststore.p12" -storepass "$pw" >/dev/null
fi

for svc in "${services[@]}"; do
  ks="$out/$svc.p12"
  [ -f "$ks" ] && continue
  keytool -genkeypair -alias "$svc" -keyalg EC -groupname secp256r1 -sigalg SHA256withECDSA -validity "$days" \
    -dname "CN=$svc,O=PayGuard" -storetype PKCS12 -keystore "$ks" -storepass "$pw" >/dev/null
  keytool -certreq -alias "$svc" -keystore "$ks" -storepass "$pw" -file "$out/$svc.csr"
  keytool -gencert -alias payguard-ca -keystore "$out/ca.p12" -storepass "$pw" -infile "$out/$svc.csr" -outfile "$out/$svc.crt" \
    -rfc -validity "$days" -sigalg SHA384withECDSA \
    -ext "san=dns:localhost,ip:127.0.0.1,dns:$svc" -ext ku:c=digitalSignature -ext eku=serverAuth,clientAuth
  keytool -importcert -noprompt -alias payguard-ca -file "$out/ca.crt" -keystore "$ks" -storepass "$pw" >/dev/null
  keytool -importcert -alias "$svc" -file "$out/$svc.crt" -keystore "$ks" -storepass "$pw" >/dev/null
  rm -f "$out/$svc.csr"
done
echo "CA: $out/ca.crt (trust it: curl --cacert $out/ca.crt, or add it to your OS/browser trust store)"
