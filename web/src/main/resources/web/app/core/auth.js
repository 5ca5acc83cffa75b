// Login with the authorization code flow: pushed authorization request (PAR, RFC 9126), PKCE S256, and
// DPoP-bound tokens (RFC 9449). Tokens live in this module's memory only: never localStorage, never a cookie.
// A reload re-enters silently through Keycloak's SSO session (prompt=none) when the tab had a session.
import {config} from './config.js';
import {forgetKey, proof} from './dpop.js';
import {base64url, decodeJwtPayload, randomString, sha256} from './encoding.js';
import {getLocale} from './i18n.js';

const PENDING = 'pg.login.pending';
const HAD_SESSION = 'pg.session.hint';
const listeners = new Set();
let tokens = null;
let refreshTimer = null;
let refreshing = null;

function endpoint(name) {
    const base = `${config().issuer}/protocol/openid-connect`;
    return {
        par: `${base}/ext/par/request`,
        authorize: `${base}/auth`,
        token: `${base}/token`,
        logout: `${base}/logout`,
    }[name];
}

function redirectUri() {
    return `${location.origin}/`;
}

export class LoginError extends Error {
    constructor(code, detail) {
        super(detail || code);
        this.code = code;
    }
}

function notify() {
    for (const listener of listeners) {
        listener(user());
    }
}

export function onAuthChange(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
}

/** Starts a login: pushes the request to Keycloak, then navigates to its login page. */
export async function login({prompt} = {}) {
    const verifier = randomString(48);
    const state = randomString(16);
    const nonce = randomString(16);
    const returnTo = location.hash && location.hash !== '#/' ? location.hash : '';
    sessionStorage.setItem(PENDING, JSON.stringify({verifier, state, nonce, returnTo, prompt: prompt || null}));
    const params = new URLSearchParams({
        client_id: config().clientId,
        response_type: 'code',
        scope: 'openid',
        redirect_uri: redirectUri(),
        state,
        nonce,
        code_challenge: base64url(await sha256(verifier)),
        code_challenge_method: 'S256',
        ui_locales: getLocale(),
    });
    if (prompt) {
        params.set('prompt', prompt);
    }
    let response;
    try {
        response = await fetch(endpoint('par'), {method: 'POST', body: params, credentials: 'omit'});
    } catch (e) {
        throw new LoginError('network', 'The login server cannot be reached.');
    }
    if (response.status !== 201) {
        throw new LoginError('par_refused', `The login server refused the request (${response.status}).`);
    }
    const {request_uri: requestUri} = await response.json();
    const query = new URLSearchParams({client_id: config().clientId, request_uri: requestUri});
    location.assign(`${endpoint('authorize')}?${query}`);
}

/** True when the page was opened by Keycloak's redirect back to the app. */
export function isLoginCallback() {
    const q = new URLSearchParams(location.search);
    return (q.has('code') || q.has('error')) && q.has('state');
}

/** Finishes a login on the redirect back: checks state, exchanges the code with the PKCE verifier and a DPoP proof. */
export async function completeLogin() {
    const q = new URLSearchParams(location.search);
    const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
    sessionStorage.removeItem(PENDING);
    history.replaceState(null, '', `${location.pathname}${pending?.returnTo || ''}`);
    if (!pending || q.get('state') !== pending.state) {
        throw new LoginError('state_mismatch', 'This login response does not belong to this tab.');
    }
    if (q.get('error')) {
        if (pending.prompt === 'none') {
            localStorage.removeItem(HAD_SESSION);
            return null;
        }
        throw new LoginError(q.get('error'), q.get('error_description'));
    }
    await tokenRequest({
        grant_type: 'authorization_code',
        code: q.get('code'),
        redirect_uri: redirectUri(),
        client_id: config().clientId,
        code_verifier: pending.verifier,
    });
    const idClaims = tokens.id ? decodeJwtPayload(tokens.id) : {};
    if (idClaims.nonce !== pending.nonce) {
        clear();
        throw new LoginError('nonce_mismatch', 'The ID token does not answer this login.');
    }
    localStorage.setItem(HAD_SESSION, '1');
    return user();
}

/** On a fresh page: re-enter silently when this browser had a session (no prompt shown by Keycloak). */
export async function resumeSession() {
    if (localStorage.getItem(HAD_SESSION) === '1') {
        await login({prompt: 'none'});
        return true;
    }
    return false;
}

async function tokenRequest(form) {
    const url = endpoint('token');
    let nonce;
    for (let attempt = 0; attempt < 2; attempt++) {
        const response = await fetch(url, {
            method: 'POST',
            headers: {DPoP: await proof('POST', url, {nonce})},
            body: new URLSearchParams(form),
            credentials: 'omit',
        });
        if (response.ok) {
            setTokens(await response.json());
            return;
        }
        const retryNonce = response.headers.get('DPoP-Nonce');
        if (attempt === 0 && retryNonce) {
            nonce = retryNonce;
            continue;
        }
        const body = await response.json().catch(() => ({}));
        throw new LoginError(body.error || `token_${response.status}`, body.error_description);
    }
}

function setTokens(answer) {
    tokens = {
        access: answer.access_token,
        refresh: answer.refresh_token,
        id: answer.id_token || tokens?.id,
        expiresAt: Date.now() + answer.expires_in * 1000,
        claims: decodeJwtPayload(answer.access_token),
    };
    clearTimeout(refreshTimer);
    const lifetime = Math.max(5, answer.expires_in * 0.7) * 1000;
    refreshTimer = setTimeout(() => refresh().catch(() => expire()), lifetime);
    notify();
}

/** Silent refresh: a refresh-token grant with a new proof from the same key (the refresh token is bound to it). */
export function refresh() {
    if (!tokens?.refresh) {
        return Promise.reject(new LoginError('no_session'));
    }
    refreshing ??= tokenRequest({
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh,
        client_id: config().clientId,
    }).finally(() => {
        refreshing = null;
    });
    return refreshing;
}

/** The access token, refreshed first when it expires within 10 s; null without a session. */
export async function accessToken() {
    if (!tokens) {
        return null;
    }
    if (Date.now() > tokens.expiresAt - 10_000) {
        try {
            await refresh();
        } catch (e) {
            expire();
            return null;
        }
    }
    return tokens?.access ?? null;
}

function clear() {
    clearTimeout(refreshTimer);
    tokens = null;
}

/** The session ended (refresh refused, or a 401): forget the tokens, show the login again. */
export function expire() {
    if (tokens) {
        clear();
        notify();
    }
}

export async function logout() {
    const idToken = tokens?.id;
    clear();
    localStorage.removeItem(HAD_SESSION);
    await forgetKey();
    const query = new URLSearchParams({client_id: config().clientId, post_logout_redirect_uri: redirectUri()});
    if (idToken) {
        query.set('id_token_hint', idToken);
    }
    location.assign(`${endpoint('logout')}?${query}`);
}

/** Who is logged in, from the access token's claims; null when nobody is. */
export function user() {
    if (!tokens) {
        return null;
    }
    const c = tokens.claims;
    return {
        sub: c.sub,
        username: c.preferred_username,
        name: c.name || c.preferred_username || c.sub,
        email: c.email,
        roles: new Set(c.realm_access?.roles || []),
        kycTier: c.kyc_tier ? Number(c.kyc_tier) : null,
        claims: c,
    };
}

export function hasRole(role) {
    return user()?.roles.has(role) ?? false;
}

export const auth = {login, logout, user, hasRole, accessToken, onAuthChange, refresh, expire};
