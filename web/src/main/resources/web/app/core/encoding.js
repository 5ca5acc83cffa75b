// Base64url and random strings for PKCE, state, nonces and JWTs (WebCrypto only).
const encoder = new TextEncoder();

export function utf8(text) {
    return encoder.encode(text);
}

export function base64url(bytes) {
    let binary = '';
    for (const b of bytes) {
        binary += String.fromCharCode(b);
    }
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function base64urlJson(value) {
    return base64url(utf8(JSON.stringify(value)));
}

export function decodeJwtPayload(jwt) {
    const part = jwt.split('.')[1] || '';
    const padded = part.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((part.length + 3) % 4);
    const binary = atob(padded);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
}

export function randomString(bytes = 32) {
    return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export async function sha256(text) {
    return new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(text)));
}
