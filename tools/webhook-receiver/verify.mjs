// Verifies a PayGuard webhook (Standard Webhooks: https://www.standardwebhooks.com). Node 18+, no dependencies.
//
// In your receiver:   import { verify } from "./verify.mjs";
//                     verify(secrets, req.headers, rawBodyBuffer);   // throws WebhookVerificationError
// From a shell:       node verify.mjs --secrets secrets.txt --body body.json \
//                       --header "webhook-id: msg_..." --header "webhook-timestamp: 1767225600" \
//                       --header "webhook-signature: v1,..."
//                     prints "verified" (exit 0) or "rejected <reason>" (exit 1); a usage error exits 2.
import { createHmac, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

export const TOLERANCE_SECONDS = 5 * 60;

export class WebhookVerificationError extends Error {
  constructor(reason) {
    super(`webhook not verified: ${reason}`);
    this.reason = reason; // missing_header, bad_timestamp, timestamp_out_of_tolerance, no_matching_signature, bad_secret
  }
}

/**
 * @param {string[]} secrets  the endpoint's whsec_ secrets (two during a rotation)
 * @param {Record<string, string>} headers  the request headers (names matched case-insensitively)
 * @param {Buffer|Uint8Array|string} body  the raw body exactly as received: never re-serialised JSON
 * @param {number} nowSeconds  the current unix time (for tests)
 */
export function verify(secrets, headers, body, nowSeconds = Math.floor(Date.now() / 1000)) {
  const header = (name) => {
    const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
    const value = entry && String(entry[1]).trim();
    if (!value) throw new WebhookVerificationError("missing_header");
    return value;
  };
  const id = header("webhook-id");
  const timestamp = header("webhook-timestamp");
  const signatures = header("webhook-signature");
  if (!/^\d{1,12}$/.test(timestamp)) throw new WebhookVerificationError("bad_timestamp");
  if (Math.abs(nowSeconds - Number(timestamp)) > TOLERANCE_SECONDS) {
    throw new WebhookVerificationError("timestamp_out_of_tolerance"); // too old (a replay) or from the future
  }
  if (secrets.length === 0) throw new WebhookVerificationError("bad_secret");
  const offered = signatures
    .split(" ")
    .filter((part) => part.startsWith("v1,"))
    .map((part) => Buffer.from(part.slice(3), "base64"));
  let matched = false;
  for (const secret of secrets) {
    const key = secret.trim().replace(/^whsec_/, "");
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(key)) throw new WebhookVerificationError("bad_secret");
    const expected = createHmac("sha256", Buffer.from(key, "base64"))
      .update(`${id}.${timestamp}.`)
      .update(body)
      .digest();
    for (const candidate of offered) {
      // every candidate is compared; timingSafeEqual needs equal lengths (an HMAC's length is no secret)
      if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) matched = true;
    }
  }
  if (!matched) throw new WebhookVerificationError("no_matching_signature");
}

function main() {
  const { values } = parseArgs({
    options: {
      secrets: { type: "string" },
      body: { type: "string" },
      header: { type: "string", multiple: true, default: [] },
    },
  });
  if (!values.secrets || !values.body) {
    console.error("usage: node verify.mjs --secrets FILE --body FILE --header 'name: value' ...");
    process.exit(2);
  }
  const secrets = readFileSync(values.secrets, "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
  const headers = Object.fromEntries(
    values.header.map((h) => [h.slice(0, h.indexOf(":")).trim(), h.slice(h.indexOf(":") + 1).trim()]),
  );
  try {
    verify(secrets, headers, readFileSync(values.body));
    console.log("verified");
  } catch (e) {
    if (!(e instanceof WebhookVerificationError)) throw e;
    console.log(`rejected ${e.reason}`);
    process.exit(1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
