// Webhook endpoints (auth-service /v1/webhook_endpoints): the list, adding one (its signing secret shown once),
// and per endpoint its delivery log with redeliver, enabling/disabling and deleting (confirmed first).
import {html} from 'lit';
import {api} from '../core/api.js';
import {formatDateTime} from '../core/format.js';
import {PgElement} from '../core/ui.js';
import {copyText, shortId} from './common.js';

export const EVENT_TYPES = [
    'payment_intent.succeeded',
    'payment_intent.payment_failed',
    'payment_intent.requires_action',
    'payment_intent.canceled',
    'refund.succeeded',
    'refund.failed',
    'review.opened',
    'review.closed',
    'payout.paid',
    'payout.failed',
    'payout.returned',
    'api_key.created',
    'api_key.revoked',
    'webhook_endpoint.disabled',
];

function eventList(host, endpoint) {
    return (endpoint.enabledEvents || []).map((type) => (type === '*' ? host.t('merchant.webhooks.allEvents') : type)).join(', ');
}

/** One-time secret with copy button and warning (webhook signing secrets). */
function secretPanel(host, secret, title) {
    return html`<div class="card merchant-secret" data-testid="webhook-secret-panel" role="region" aria-label=${title}>
        <h2>${title}</h2>
        <p class="merchant-warning"><strong>${host.t('merchant.webhooks.secretWarning')}</strong></p>
        <label for="webhook-secret">${host.t('merchant.webhooks.secret')}</label>
        <input id="webhook-secret" readonly .value=${secret} data-testid="webhook-secret" class="merchant-secret-value" />
        <div class="actions">
            <button class="primary" @click=${async () => (host.copied = (await copyText(secret)) ? 'ok' : 'failed')}>${host.t('merchant.copy')}</button>
            <button data-testid="webhook-secret-done" @click=${() => (host.secret = null)}>${host.t('merchant.keys.stored')}</button>
        </div>
        ${host.copied ? html`<p role="status">${host.t(host.copied === 'ok' ? 'merchant.copied' : 'merchant.copyFailed')}</p>` : ''}
    </div>`;
}

export class PgMerchantWebhooks extends PgElement {
    static properties = {
        endpoints: {state: true},
        cursor: {state: true},
        hasMore: {state: true},
        error: {state: true},
        formError: {state: true},
        busy: {state: true},
        secret: {state: true},
        copied: {state: true},
        all: {state: true},
    };

    constructor() {
        super();
        this.all = true;
    }

    connectedCallback() {
        super.connectedCallback();
        this.load(true);
    }

    async load(fresh) {
        this.error = null;
        try {
            const page = await api('auth', '/v1/webhook_endpoints', {query: {limit: 20, starting_after: fresh ? undefined : this.cursor}});
            this.endpoints = fresh ? page.data : [...this.endpoints, ...page.data];
            this.cursor = page.next_cursor;
            this.hasMore = page.has_more;
        } catch (e) {
            this.error = e;
        }
    }

    async add(e) {
        e.preventDefault();
        const form = new FormData(e.target);
        const body = {
            url: form.get('url').trim(),
            mode: form.get('mode'),
            enabledEvents: this.all ? ['*'] : form.getAll('events'),
        };
        if (form.get('description').trim()) {
            body.description = form.get('description').trim();
        }
        this.busy = true;
        this.formError = null;
        this.copied = null;
        try {
            const created = await api('auth', '/v1/webhook_endpoints', {method: 'POST', body});
            this.secret = created.secret;
            e.target.reset();
            this.all = true;
            await this.load(true);
        } catch (err) {
            this.formError = err;
        } finally {
            this.busy = false;
        }
    }

    form() {
        return html`<form class="card" data-testid="webhook-form" @submit=${(e) => this.add(e)}>
            <h2>${this.t('merchant.webhooks.add')}</h2>
            <label for="wh-url">${this.t('merchant.webhooks.url')}</label>
            <input id="wh-url" name="url" type="url" required maxlength="2048" placeholder="https://example.com/webhooks" data-testid="webhook-url" autocomplete="off" />
            <label for="wh-description">${this.t('merchant.webhooks.description')}</label>
            <input id="wh-description" name="description" maxlength="500" autocomplete="off" />
            <label for="wh-mode">${this.t('merchant.keys.mode')}</label>
            <select id="wh-mode" name="mode" data-testid="webhook-mode">
                <option value="test">${this.t('merchant.mode.test')}</option>
                <option value="live">${this.t('merchant.mode.live')}</option>
            </select>
            <fieldset class="merchant-scopes"><legend>${this.t('merchant.webhooks.events')}</legend>
                <div class="merchant-check"><input type="checkbox" id="wh-all" .checked=${this.all} @change=${(e) => (this.all = e.target.checked)} />
                    <label for="wh-all">${this.t('merchant.webhooks.allEvents')}</label></div>
                ${this.all
                    ? ''
                    : EVENT_TYPES.map((type, i) => html`<div class="merchant-check"><input type="checkbox" id="wh-ev-${i}" name="events" value=${type} />
                          <label for="wh-ev-${i}"><code>${type}</code></label></div>`)}
            </fieldset>
            <div class="actions"><button class="primary" type="submit" data-testid="webhook-create" ?disabled=${this.busy}>${this.t('merchant.webhooks.create')}</button></div>
            <pg-problem .error=${this.formError}></pg-problem>
        </form>`;
    }

    table() {
        if (!this.endpoints) {
            return this.error ? '' : html`<pg-loading></pg-loading>`;
        }
        if (!this.endpoints.length) {
            return html`<pg-empty text=${this.t('merchant.webhooks.none')}></pg-empty>`;
        }
        return html`<table class="responsive" data-testid="webhooks-table">
            <caption class="visually-hidden">${this.t('merchant.webhooks.title')}</caption>
            <thead><tr>
                <th scope="col">${this.t('merchant.webhooks.url')}</th>
                <th scope="col">${this.t('merchant.keys.mode')}</th>
                <th scope="col">${this.t('merchant.payments.status')}</th>
                <th scope="col">${this.t('merchant.webhooks.events')}</th>
                <th scope="col">${this.t('merchant.payments.created')}</th>
            </tr></thead>
            <tbody>${this.endpoints.map((w) => html`<tr data-testid="webhook-row" data-id=${w.id}>
                <td><a href="#/merchant/webhooks/${w.id}" data-testid="webhook-link"><code>${w.url}</code></a>
                    ${w.description ? html`<div class="muted">${w.description}</div>` : ''}</td>
                <td>${this.t(`merchant.mode.${w.mode}`)}</td>
                <td>${this.t(`merchant.webhooks.status.${w.status}`)}</td>
                <td>${eventList(this, w)}</td>
                <td>${formatDateTime(w.createdAt)}</td>
            </tr>`)}</tbody>
        </table>`;
    }

    render() {
        return html`<section data-testid="merchant-webhooks" class="merchant">
            <h1>${this.t('merchant.webhooks.title')}</h1>
            <pg-merchant-context></pg-merchant-context>
            ${this.secret ? secretPanel(this, this.secret, this.t('merchant.webhooks.secretTitle')) : ''}
            <pg-problem .error=${this.error}></pg-problem>
            ${this.table()}
            ${this.hasMore ? html`<div class="actions"><button @click=${() => this.load(false)}>${this.t('core.more')}</button></div>` : ''}
            ${this.form()}
        </section>`;
    }
}
customElements.define('pg-merchant-webhooks', PgMerchantWebhooks);

export class PgMerchantWebhook extends PgElement {
    static properties = {
        endpointId: {type: String},
        endpoint: {state: true},
        deliveries: {state: true},
        cursor: {state: true},
        hasMore: {state: true},
        error: {state: true},
        actionError: {state: true},
        busy: {state: true},
        confirmDelete: {state: true},
        deleted: {state: true},
        secret: {state: true},
        copied: {state: true},
        open: {state: true},
    };

    constructor() {
        super();
        this.open = new Set();
    }

    connectedCallback() {
        super.connectedCallback();
        this.load();
    }

    path(suffix = '') {
        return `/v1/webhook_endpoints/${encodeURIComponent(this.endpointId)}${suffix}`;
    }

    async load() {
        this.error = null;
        try {
            const [endpoint, page] = await Promise.all([api('auth', this.path()), api('auth', this.path('/deliveries'), {query: {limit: 20}})]);
            this.endpoint = endpoint;
            this.deliveries = page.data;
            this.cursor = page.next_cursor;
            this.hasMore = page.has_more;
        } catch (e) {
            this.error = e;
        }
    }

    async more() {
        try {
            const page = await api('auth', this.path('/deliveries'), {query: {limit: 20, starting_after: this.cursor}});
            this.deliveries = [...this.deliveries, ...page.data];
            this.cursor = page.next_cursor;
            this.hasMore = page.has_more;
        } catch (e) {
            this.actionError = e;
        }
    }

    async act(change) {
        this.busy = true;
        this.actionError = null;
        this.copied = null;
        try {
            await change();
        } catch (e) {
            this.actionError = e;
        } finally {
            this.busy = false;
        }
    }

    redeliver(d) {
        return this.act(async () => {
            const updated = await api('auth', this.path(`/deliveries/${encodeURIComponent(d.id)}/redeliver`), {method: 'POST'});
            this.deliveries = this.deliveries.map((x) => (x.id === updated.id ? updated : x));
        });
    }

    setStatus(status) {
        return this.act(async () => {
            this.endpoint = await api('auth', this.path(), {method: 'PATCH', body: {status}});
        });
    }

    rotate() {
        return this.act(async () => {
            const answer = await api('auth', this.path('/rotate_secret'), {method: 'POST', body: {overlapSeconds: 86400}});
            this.secret = answer.secret;
            this.endpoint = await api('auth', this.path());
        });
    }

    remove() {
        return this.act(async () => {
            await api('auth', this.path(), {method: 'DELETE'});
            this.deleted = true;
            this.confirmDelete = false;
        });
    }

    toggle(id) {
        const next = new Set(this.open);
        next.has(id) ? next.delete(id) : next.add(id);
        this.open = next;
    }

    controls(w) {
        if (this.confirmDelete) {
            return html`<div class="actions" role="group" aria-label=${this.t('merchant.webhooks.deleteAsk')}>
                <span>${this.t('merchant.webhooks.deleteAsk')}</span>
                <button class="danger" data-testid="webhook-delete-confirm" ?disabled=${this.busy} @click=${() => this.remove()}>${this.t('merchant.webhooks.deleteYes')}</button>
                <button @click=${() => (this.confirmDelete = false)}>${this.t('core.cancel')}</button>
            </div>`;
        }
        return html`<div class="actions">
            ${w.status === 'enabled'
                ? html`<button data-testid="webhook-disable" ?disabled=${this.busy} @click=${() => this.setStatus('disabled')}>${this.t('merchant.webhooks.disable')}</button>`
                : html`<button data-testid="webhook-enable" ?disabled=${this.busy} @click=${() => this.setStatus('enabled')}>${this.t('merchant.webhooks.enable')}</button>`}
            <button ?disabled=${this.busy} @click=${() => this.rotate()}>${this.t('merchant.webhooks.rotate')}</button>
            <button class="danger" data-testid="webhook-delete" @click=${() => (this.confirmDelete = true)}>${this.t('merchant.webhooks.delete')}</button>
        </div>`;
    }

    attempts(d) {
        return html`<tr class="merchant-log"><td colspan="6">
            <table>
                <caption class="visually-hidden">${this.t('merchant.webhooks.attempts')}</caption>
                <thead><tr>
                    <th scope="col">#</th><th scope="col">${this.t('merchant.webhooks.at')}</th>
                    <th scope="col">${this.t('merchant.webhooks.outcome')}</th><th scope="col">HTTP</th>
                    <th scope="col">${this.t('merchant.webhooks.latency')}</th><th scope="col">${this.t('merchant.webhooks.response')}</th>
                </tr></thead>
                <tbody>${(d.log || []).map((a) => html`<tr>
                    <td>${a.attempt}</td><td>${formatDateTime(a.at)}</td>
                    <td>${a.outcome}${a.failure ? html` <code>${a.failure}</code>` : ''}</td>
                    <td>${a.statusCode ?? '—'}</td><td>${a.latencyMs ?? '—'} ms</td>
                    <td><code>${a.responseExcerpt ?? ''}</code></td>
                </tr>`)}</tbody>
            </table>
        </td></tr>`;
    }

    deliveryTable() {
        if (!this.deliveries?.length) {
            return html`<pg-empty text=${this.t('merchant.webhooks.noDeliveries')}></pg-empty>`;
        }
        return html`<table data-testid="deliveries-table">
            <caption class="visually-hidden">${this.t('merchant.webhooks.deliveries')}</caption>
            <thead><tr>
                <th scope="col">${this.t('merchant.events.type')}</th>
                <th scope="col">${this.t('merchant.payments.status')}</th>
                <th scope="col">${this.t('merchant.webhooks.attempts')}</th>
                <th scope="col">${this.t('merchant.payments.created')}</th>
                <th scope="col">${this.t('merchant.webhooks.next')}</th>
                <th scope="col">${this.t('merchant.actions')}</th>
            </tr></thead>
            <tbody>${this.deliveries.map((d) => html`<tr data-testid="delivery-row" data-id=${d.id} data-status=${d.status}>
                    <td><code>${d.eventType}</code><div class="muted"><code>${shortId(d.eventId)}</code></div></td>
                    <td>${this.t(`merchant.webhooks.delivery.${d.status}`)}</td>
                    <td>${d.attempts}</td>
                    <td>${formatDateTime(d.createdAt)}</td>
                    <td>${d.deliveredAt ? formatDateTime(d.deliveredAt) : d.nextAttemptAt ? formatDateTime(d.nextAttemptAt) : '—'}</td>
                    <td class="merchant-row-actions">
                        <button aria-expanded=${this.open.has(d.id) ? 'true' : 'false'} @click=${() => this.toggle(d.id)}>${this.t('merchant.webhooks.log')}</button>
                        <button data-testid="delivery-redeliver" ?disabled=${this.busy || this.endpoint?.status !== 'enabled'} @click=${() => this.redeliver(d)}>${this.t('merchant.webhooks.redeliver')}</button>
                    </td>
                </tr>
                ${this.open.has(d.id) ? this.attempts(d) : ''}`)}</tbody>
        </table>`;
    }

    render() {
        const w = this.endpoint;
        return html`<section data-testid="merchant-webhook" class="merchant">
            <p><a href="#/merchant/webhooks">← ${this.t('merchant.webhooks.back')}</a></p>
            <h1>${this.t('merchant.webhooks.endpoint')}</h1>
            <pg-problem .error=${this.error}></pg-problem>
            ${this.deleted ? html`<p class="notice" role="status">${this.t('merchant.webhooks.deleted')}</p>` : ''}
            ${!w && !this.error ? html`<pg-loading></pg-loading>` : ''}
            ${w && !this.deleted
                ? html`${this.secret ? secretPanel(this, this.secret, this.t('merchant.webhooks.secretTitle')) : ''}
                      <dl class="merchant-dl">
                          <dt>${this.t('merchant.webhooks.url')}</dt><dd><code>${w.url}</code></dd>
                          <dt>${this.t('merchant.keys.mode')}</dt><dd>${this.t(`merchant.mode.${w.mode}`)}</dd>
                          <dt>${this.t('merchant.payments.status')}</dt><dd data-testid="webhook-status">${this.t(`merchant.webhooks.status.${w.status}`)}
                              ${w.disabledReason ? html` (<code>${w.disabledReason}</code>)` : ''}</dd>
                          <dt>${this.t('merchant.webhooks.events')}</dt><dd>${eventList(this, w)}</dd>
                          ${w.previousSecretExpiresAt ? html`<dt>${this.t('merchant.webhooks.overlapUntil')}</dt><dd>${formatDateTime(w.previousSecretExpiresAt)}</dd>` : ''}
                      </dl>
                      ${this.controls(w)}
                      <pg-problem .error=${this.actionError}></pg-problem>
                      <h2>${this.t('merchant.webhooks.deliveries')}</h2>
                      ${this.deliveryTable()}
                      <div class="actions">
                          ${this.hasMore ? html`<button @click=${() => this.more()}>${this.t('core.more')}</button>` : ''}
                          <button @click=${() => this.load()}>${this.t('merchant.refresh')}</button>
                      </div>`
                : ''}
        </section>`;
    }
}
customElements.define('pg-merchant-webhook', PgMerchantWebhook);
