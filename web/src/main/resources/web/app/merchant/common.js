// Shared pieces of the merchant screens: who the dashboard acts for, status labels, date-range conversion.
import {html} from 'lit';
import {api} from '../core/api.js';
import {t} from '../core/i18n.js';
import {PgElement} from '../core/ui.js';

let identity = null;

/**
 * The merchant the services see for this login (auth-service GET /v1/me: merchantId). A person on a merchant's team
 * acts for the merchant of their membership (the token's merchant_id claim); without one, every merchant API refuses
 * them with 403 merchant_membership_required. Read once per page load (each call leaves an audit record).
 */
export function merchantIdentity() {
    identity ??= api('auth', '/v1/me').catch((e) => {
        identity = null;
        throw e;
    });
    return identity;
}

/** <pg-merchant-context>: a line saying which merchant account the screens act for. */
export class PgMerchantContext extends PgElement {
    static properties = {me: {state: true}, error: {state: true}};

    connectedCallback() {
        super.connectedCallback();
        merchantIdentity().then(
            (me) => (this.me = me),
            (e) => (this.error = e),
        );
    }

    render() {
        if (this.error) {
            return html``;
        }
        return html`<p class="merchant-context muted" data-testid="merchant-context">
            ${t('merchant.context')}: <code>${this.me ? (this.me.merchantId ?? t('merchant.context.none')) : '…'}</code>
        </p>`;
    }
}
customElements.define('pg-merchant-context', PgMerchantContext);

export const PAYMENT_STATUSES = [
    'requires_payment_method',
    'requires_confirmation',
    'requires_action',
    'requires_review',
    'processing',
    'requires_capture',
    'succeeded',
    'canceled',
    'failed',
];

export function statusBadge(status) {
    return html`<span class="merchant-status merchant-status-${status}" data-status=${status}
        >${t(`merchant.status.${status}`)}</span
    >`;
}

/** '2026-12-07' (a local calendar day) → the ISO instant of its local midnight, plus `days`. */
export function dayStart(day, days = 0) {
    if (!day) {
        return undefined;
    }
    const [y, m, d] = day.split('-').map(Number);
    return new Date(y, m - 1, d + days).toISOString();
}

/** A short id for tables: the prefix and the last 8 characters. */
export function shortId(id) {
    if (!id || id.length <= 16) {
        return id;
    }
    return `${id.slice(0, id.indexOf('_') + 1)}…${id.slice(-8)}`;
}

/** Copies text to the clipboard; resolves true when the browser allowed it. */
export async function copyText(text) {
    try {
        await navigator.clipboard.writeText(text);
        return true;
    } catch (e) {
        return false;
    }
}
