// Calls to the four services: a DPoP-bound access token and a fresh proof on every request, RFC 9457 problems
// turned into ApiError, and one retry when a service asks for a DPoP nonce.
import {accessToken, expire} from './auth.js';
import {config} from './config.js';
import {proof} from './dpop.js';
import {randomString} from './encoding.js';
import {getLocale, t} from './i18n.js';

export class ApiError extends Error {
    constructor(status, problem) {
        super(problem?.detail || problem?.title || `HTTP ${status}`);
        this.status = status;
        this.problem = problem || {};
        this.code = this.problem.code || (this.problem.type || '').split('/').pop() || `http_${status}`;
        this.title = this.problem.title || `HTTP ${status}`;
        this.detail = this.problem.detail || '';
    }
}

export function newIdempotencyKey() {
    return `web-${randomString(18)}`;
}

function queryString(query) {
    if (!query) {
        return '';
    }
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
        if (value !== undefined && value !== null && value !== '') {
            params.append(key, String(value));
        }
    }
    const text = params.toString();
    return text ? `?${text}` : '';
}

async function toError(response) {
    const type = response.headers.get('content-type') || '';
    let problem = null;
    if (type.includes('json')) {
        problem = await response.json().catch(() => null);
    }
    if (response.status === 401) {
        expire();
    }
    return new ApiError(response.status, problem || {title: response.statusText || `HTTP ${response.status}`});
}

/**
 * api('payment', '/v1/payment_intents', {method: 'POST', body, idempotencyKey}) → the JSON answer (null for 204).
 * raw: true → the Response itself (images, downloads). Throws ApiError.
 */
export async function api(service, path, {method = 'GET', body, query, headers = {}, idempotencyKey, raw = false, signal} = {}) {
    const base = config().services[service];
    if (!base) {
        throw new Error(`unknown service ${service}`);
    }
    const url = `${base}${path}`;
    const token = await accessToken();
    const requestHeaders = {
        Accept: raw ? '*/*' : 'application/json, application/problem+json',
        'Accept-Language': getLocale(),
        ...headers,
    };
    if (body !== undefined) {
        requestHeaders['Content-Type'] = 'application/json';
    }
    if (idempotencyKey) {
        requestHeaders['Idempotency-Key'] = idempotencyKey;
    }
    let nonce;
    for (let attempt = 0; attempt < 2; attempt++) {
        if (token) {
            requestHeaders.Authorization = `DPoP ${token}`;
            requestHeaders.DPoP = await proof(method, url, {accessToken: token, nonce});
        }
        let response;
        try {
            response = await fetch(url + queryString(query), {
                method,
                headers: requestHeaders,
                body: body === undefined ? undefined : JSON.stringify(body),
                credentials: 'omit',
                cache: 'no-store',
                signal,
            });
        } catch (e) {
            if (e.name === 'AbortError') {
                throw e;
            }
            throw new ApiError(0, {code: 'network', title: t('core.error.network'), detail: t('core.error.network.detail')});
        }
        const askedNonce = response.headers.get('DPoP-Nonce');
        if (response.status === 401 && askedNonce && attempt === 0) {
            nonce = askedNonce;
            continue;
        }
        if (!response.ok) {
            throw await toError(response);
        }
        if (raw) {
            return response;
        }
        if (response.status === 204) {
            return null;
        }
        const type = response.headers.get('content-type') || '';
        return type.includes('json') ? response.json() : response.text();
    }
    throw new ApiError(401, {title: t('core.error.session')});
}
