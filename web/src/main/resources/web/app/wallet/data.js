// The wallet's data helpers: wallets, payments seen in this tab, base64url for WebAuthn, the QR decoder.
import {api, ApiError} from '../core/api.js';
import {t} from '../core/i18n.js';

export const DEFAULT_CURRENCY = 'CNY';
export const FINAL = new Set(['succeeded', 'failed', 'canceled']);

/** The caller's wallets ([] when none is open yet). */
export async function wallets() {
    const answer = await api('wallet', '/v1/wallets');
    return Array.isArray(answer) ? answer : answer?.data || answer?.items || [];
}

/** Opens the caller's wallet in a currency (the service answers the existing one when it is open already). */
export function openWallet(currency = DEFAULT_CURRENCY) {
    return api('wallet', '/v1/wallets', {method: 'POST', body: {currency}});
}

// Payment intents answered to this tab (pay, authenticate): a customer has no GET of a payment intent, so the payment
// screen shows what it was answered, and asks the challenge endpoint for the current state.
const payments = new Map();

export function rememberPayment(intent) {
    if (intent?.id) {
        payments.set(intent.id, {...payments.get(intent.id), ...intent});
    }
    return intent;
}

export function knownPayment(id) {
    return payments.get(id) || null;
}

/**
 * The payment's current state as the customer may learn it: GET authenticate answers the options while a challenge is
 * open (requires_action), else 409 naming the current status.
 */
export async function paymentState(id) {
    try {
        const options = await api('payment', `/v1/payment_intents/${encodeURIComponent(id)}/authenticate`);
        return {status: 'requires_action', options};
    } catch (e) {
        if (e instanceof ApiError && e.status === 409 && e.problem.payment_intent_status) {
            rememberPayment({id, status: e.problem.payment_intent_status});
            return {status: e.problem.payment_intent_status};
        }
        throw e;
    }
}

export function bytesToBase64url(buffer) {
    const bytes = new Uint8Array(buffer);
    let text = '';
    for (const b of bytes) {
        text += String.fromCharCode(b);
    }
    return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function base64urlToBytes(value) {
    const text = atob(value.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(value.length / 4) * 4, '='));
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) {
        bytes[i] = text.charCodeAt(i);
    }
    return bytes;
}

export function hasWebAuthn() {
    return Boolean(window.PublicKeyCredential && navigator.credentials);
}

let detector;

async function browserDetector() {
    if (detector !== undefined) {
        return detector;
    }
    detector = null;
    try {
        if ('BarcodeDetector' in window && (await window.BarcodeDetector.getSupportedFormats()).includes('qr_code')) {
            detector = new window.BarcodeDetector({formats: ['qr_code']});
        }
    } catch (e) {
        detector = null;
    }
    return detector;
}

/**
 * The text of the QR code in an image (a Blob: an uploaded file or a camera frame): the browser's BarcodeDetector when it
 * has one, else the web app's own decoder (POST /v1/qr/decode, ZXing). null when no code is in the image.
 */
export async function decodeQr(blob) {
    const native = await browserDetector();
    if (native) {
        try {
            const bitmap = await createImageBitmap(blob);
            const found = await native.detect(bitmap);
            bitmap.close?.();
            if (found.length) {
                return found[0].rawValue;
            }
            return null;
        } catch (e) {
            // fall through to the server's decoder
        }
    }
    let response;
    try {
        response = await fetch('/v1/qr/decode', {
            method: 'POST',
            headers: {'Content-Type': blob.type || 'application/octet-stream', Accept: 'application/json'},
            body: blob,
            credentials: 'omit',
            cache: 'no-store',
        });
    } catch (e) {
        throw new ApiError(0, {code: 'network', title: t('core.error.network'), detail: t('core.error.network.detail')});
    }
    const answer = await response.json().catch(() => null);
    if (response.ok) {
        return answer?.text ?? null;
    }
    if (response.status === 422) {
        return null;
    }
    throw new ApiError(response.status, answer || {title: `HTTP ${response.status}`});
}
