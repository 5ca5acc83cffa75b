// API keys: auth-service /v1/api-keys. Create (the secret shown once, with a copy button and a warning), rotate
// (a new secret, the old one valid for an overlap), revoke (confirmed first).
import {html} from 'lit';
import {api} from '../core/api.js';
import {formatDateTime} from '../core/format.js';
import {PgElement} from '../core/ui.js';
import {copyText, dayStart} from './common.js';

const SCOPES = ['payments:read', 'payments:write', 'refunds:write', 'webhooks:manage', 'wallets:read'];

export class PgMerchantApiKeys extends PgElement {
    static properties = {
        keys: {state: true},
        error: {state: true},
        kind: {state: true},
        busy: {state: true},
        formError: {state: true},
        issued: {state: true},
        copied: {state: true},
        confirmRevoke: {state: true},
        confirmRotate: {state: true},
        actionError: {state: true},
    };

    constructor() {
        super();
        this.kind = 'secret';
    }

    connectedCallback() {
        super.connectedCallback();
        this.load();
    }

    async load() {
        this.error = null;
        try {
            this.keys = await api('auth', '/v1/api-keys');
        } catch (e) {
            this.error = e;
        }
    }

    async create(e) {
        e.preventDefault();
        const form = new FormData(e.target);
        const body = {name: form.get('name').trim(), kind: form.get('kind'), mode: form.get('mode')};
        if (body.kind === 'restricted') {
            body.scopes = form.getAll('scopes');
        }
        if (form.get('expires')) {
            body.expiresAt = dayStart(form.get('expires'));
        }
        await this.act(async () => {
            this.issued = await api('auth', '/v1/api-keys', {method: 'POST', body});
            e.target.reset();
            this.kind = 'secret';
        }, 'formError');
    }

    async rotate(key) {
        const hours = Number(this.querySelector('#rotate-overlap')?.value ?? 24);
        await this.act(async () => {
            this.issued = await api('auth', `/v1/api-keys/${encodeURIComponent(key.id)}/rotate`, {method: 'POST', body: {overlapHours: hours}});
            this.confirmRotate = null;
        });
    }

    async revoke(key) {
        await this.act(async () => {
            await api('auth', `/v1/api-keys/${encodeURIComponent(key.id)}/revoke`, {method: 'POST'});
            this.confirmRevoke = null;
        });
    }

    /** Runs one change, shows its problem under `errorField`, then reloads the list. */
    async act(change, errorField = 'actionError') {
        this.busy = true;
        this[errorField] = null;
        this.copied = null;
        try {
            await change();
            await this.load();
        } catch (err) {
            this[errorField] = err;
        } finally {
            this.busy = false;
        }
    }

    async copy() {
        this.copied = (await copyText(this.issued.secret)) ? 'ok' : 'failed';
    }

    secretPanel() {
        if (!this.issued) {
            return '';
        }
        return html`<div class="card merchant-secret" data-testid="key-secret-panel" role="region" aria-labelledby="key-secret-title">
            <h2 id="key-secret-title">${this.t('merchant.keys.secretTitle', {name: this.issued.key.name})}</h2>
            <p class="merchant-warning"><strong>${this.t('merchant.keys.secretWarning')}</strong></p>
            <label for="key-secret">${this.t('merchant.keys.secret')}</label>
            <input id="key-secret" readonly .value=${this.issued.secret} data-testid="key-secret" class="merchant-secret-value" />
            <div class="actions">
                <button class="primary" data-testid="key-copy" @click=${() => this.copy()}>${this.t('merchant.copy')}</button>
                <button data-testid="key-secret-done" @click=${() => (this.issued = null)}>${this.t('merchant.keys.stored')}</button>
            </div>
            ${this.copied ? html`<p role="status">${this.t(this.copied === 'ok' ? 'merchant.copied' : 'merchant.copyFailed')}</p>` : ''}
        </div>`;
    }

    createForm() {
        return html`<form class="card" data-testid="key-form" @submit=${(e) => this.create(e)}>
            <h2>${this.t('merchant.keys.new')}</h2>
            <label for="key-name">${this.t('merchant.keys.name')}</label>
            <input id="key-name" name="name" required maxlength="100" data-testid="key-name" autocomplete="off" />
            <label for="key-kind">${this.t('merchant.keys.kind')}</label>
            <select id="key-kind" name="kind" data-testid="key-kind" @change=${(e) => (this.kind = e.target.value)}>
                ${['secret', 'restricted', 'publishable'].map((k) => html`<option value=${k} ?selected=${k === this.kind}>${this.t(`merchant.keys.kind.${k}`)}</option>`)}
            </select>
            <label for="key-mode">${this.t('merchant.keys.mode')}</label>
            <select id="key-mode" name="mode" data-testid="key-mode">
                <option value="test">${this.t('merchant.mode.test')}</option>
                <option value="live">${this.t('merchant.mode.live')}</option>
            </select>
            ${this.kind === 'restricted'
                ? html`<fieldset class="merchant-scopes"><legend>${this.t('merchant.keys.scopes')}</legend>
                      ${SCOPES.map((s, i) => html`<div class="merchant-check"><input type="checkbox" id="scope-${i}" name="scopes" value=${s} />
                          <label for="scope-${i}"><code>${s}</code></label></div>`)}
                  </fieldset>`
                : ''}
            <label for="key-expires">${this.t('merchant.keys.expires')}</label>
            <input id="key-expires" name="expires" type="date" data-testid="key-expires" />
            <div class="actions"><button class="primary" type="submit" data-testid="key-create" ?disabled=${this.busy}>${this.t('merchant.keys.create')}</button></div>
            <pg-problem .error=${this.formError}></pg-problem>
        </form>`;
    }

    actions(k) {
        if (k.status !== 'active') {
            return '';
        }
        if (this.confirmRevoke === k.id) {
            return html`<div class="merchant-inline-confirm" role="group" aria-label=${this.t('merchant.keys.revokeAsk', {name: k.name})}>
                <span>${this.t('merchant.keys.revokeAsk', {name: k.name})}</span>
                <button class="danger" data-testid="key-revoke-confirm" ?disabled=${this.busy} @click=${() => this.revoke(k)}>${this.t('merchant.keys.revokeYes')}</button>
                <button @click=${() => (this.confirmRevoke = null)}>${this.t('core.cancel')}</button>
            </div>`;
        }
        if (this.confirmRotate === k.id) {
            return html`<div class="merchant-inline-confirm" role="group" aria-label=${this.t('merchant.keys.rotate')}>
                <label for="rotate-overlap">${this.t('merchant.keys.overlap')}</label>
                <input id="rotate-overlap" type="number" min="0" max="168" value="24" class="merchant-narrow" />
                <button class="primary" data-testid="key-rotate-confirm" ?disabled=${this.busy} @click=${() => this.rotate(k)}>${this.t('merchant.keys.rotateYes')}</button>
                <button @click=${() => (this.confirmRotate = null)}>${this.t('core.cancel')}</button>
            </div>`;
        }
        return html`<button data-testid="key-rotate" @click=${() => (this.confirmRotate = k.id)}>${this.t('merchant.keys.rotate')}</button>
            <button class="danger" data-testid="key-revoke" @click=${() => (this.confirmRevoke = k.id)}>${this.t('merchant.keys.revoke')}</button>`;
    }

    table() {
        if (!this.keys) {
            return this.error ? '' : html`<pg-loading></pg-loading>`;
        }
        if (!this.keys.length) {
            return html`<pg-empty text=${this.t('merchant.keys.none')}></pg-empty>`;
        }
        return html`<table class="responsive" data-testid="keys-table">
            <caption class="visually-hidden">${this.t('merchant.keys.title')}</caption>
            <thead><tr>
                <th scope="col">${this.t('merchant.keys.name')}</th>
                <th scope="col">${this.t('merchant.keys.hint')}</th>
                <th scope="col">${this.t('merchant.keys.kind')}</th>
                <th scope="col">${this.t('merchant.payments.status')}</th>
                <th scope="col">${this.t('merchant.payments.created')}</th>
                <th scope="col">${this.t('merchant.keys.lastUsed')}</th>
                <th scope="col">${this.t('merchant.actions')}</th>
            </tr></thead>
            <tbody>${this.keys.map((k) => html`<tr data-testid="key-row" data-id=${k.id} data-status=${k.status}>
                <td>${k.name}</td>
                <td><code>${k.hint}</code></td>
                <td>${this.t(`merchant.keys.kind.${k.kind}`)} · ${this.t(`merchant.mode.${k.mode}`)}
                    ${k.scopes?.length && k.kind === 'restricted' ? html`<div class="muted">${k.scopes.join(', ')}</div>` : ''}</td>
                <td>${this.t(`merchant.keys.status.${k.status}`)}${k.expiresAt ? html`<div class="muted">${this.t('merchant.keys.until', {date: formatDateTime(k.expiresAt)})}</div>` : ''}</td>
                <td>${formatDateTime(k.createdAt)}</td>
                <td>${k.lastUsedAt ? formatDateTime(k.lastUsedAt) : '—'}</td>
                <td class="merchant-row-actions">${this.actions(k)}</td>
            </tr>`)}</tbody>
        </table>`;
    }

    render() {
        return html`<section data-testid="merchant-api-keys" class="merchant">
            <h1>${this.t('merchant.keys.title')}</h1>
            <pg-merchant-context></pg-merchant-context>
            ${this.secretPanel()}
            <pg-problem .error=${this.error}></pg-problem>
            <pg-problem .error=${this.actionError}></pg-problem>
            ${this.table()}
            ${this.createForm()}
        </section>`;
    }
}
customElements.define('pg-merchant-api-keys', PgMerchantApiKeys);
