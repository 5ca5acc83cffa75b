// #/wallet/consents — the purposes (auth-service's consent registry) with the text the customer agrees to, and grant or
// withdraw for those that rest on consent. #/wallet/privacy — "Download my data" (a data-subject access request, its
// status, then the signed export) and "Delete my account" (an erasure request, after a confirm step, and its outcome).
import {html} from 'lit';
import {api, ApiError} from '../core/api.js';
import {login} from '../core/auth.js';
import {formatDateTime} from '../core/format.js';
import {getLocale} from '../core/i18n.js';
import {PgElement} from '../core/ui.js';

const CHANNEL = 'web';

export class WalletConsents extends PgElement {
    static properties = {purposes: {state: true}, consents: {state: true}, busy: {state: true}, error: {state: true}};

    connectedCallback() {
        super.connectedCallback();
        this.load();
    }

    async load() {
        try {
            const [purposes, consents] = await Promise.all([api('auth', '/v1/consent_purposes'), api('auth', '/v1/consents')]);
            this.purposes = purposes.data || [];
            this.consents = new Map((consents.data || []).map((c) => [c.purpose, c]));
        } catch (e) {
            this.error = e;
        }
    }

    async change(purpose, grant) {
        this.busy = purpose.id;
        this.error = null;
        try {
            const answer = grant
                ? await api('auth', '/v1/consents', {method: 'POST', body: {purpose: purpose.id, version: purpose.version, channel: CHANNEL}})
                : await api('auth', `/v1/consents/${encodeURIComponent(purpose.id)}/withdraw`, {method: 'POST', body: {channel: CHANNEL}});
            this.consents = new Map(this.consents).set(purpose.id, answer);
        } catch (e) {
            this.error = e;
        } finally {
            this.busy = null;
        }
    }

    purpose(p) {
        const consent = this.consents.get(p.id);
        const status = consent?.status || 'not_given';
        const byConsent = p.legalBasis === 'consent';
        const text = getLocale() === 'zh-CN' ? p.textZh || p.textEn : p.textEn || p.textZh;
        return html`<li class="card wallet-consent" data-testid="consent-${p.id}" data-status=${byConsent ? status : p.legalBasis}>
            <h2>${p.title}</h2>
            <p>${text}</p>
            <p class="muted">${this.t(`wallet.consents.basis.${p.legalBasis}`)}
                ${p.thirdParty ? html` · ${this.t('wallet.consents.thirdparty', {name: p.thirdParty})}` : ''}
                · ${this.t('wallet.consents.retention', {period: p.retention})}
                ${p.separateConsent ? html` · ${this.t('wallet.consents.separate')}` : ''}</p>
            ${byConsent
                ? html`<p><strong>${this.t(`wallet.consents.status.${status}`)}</strong>
                          ${consent?.changedAt ? html`<span class="muted"> · ${formatDateTime(consent.changedAt)}</span>` : ''}</p>
                      <div class="actions">${status === 'granted'
                          ? html`<button data-testid="consent-withdraw-${p.id}" ?disabled=${this.busy === p.id} @click=${() => this.change(p, false)}>${this.t('wallet.consents.withdraw')}</button>`
                          : html`<button class="primary" data-testid="consent-grant-${p.id}" ?disabled=${this.busy === p.id} @click=${() => this.change(p, true)}>${this.t('wallet.consents.grant')}</button>`}</div>`
                : ''}
        </li>`;
    }

    render() {
        return html`<section data-testid="wallet-consents" class="wallet">
            <h1>${this.t('wallet.consents.title')}</h1>
            <pg-problem .error=${this.error}></pg-problem>
            ${this.purposes ? html`<ul class="wallet-consents">${this.purposes.map((p) => this.purpose(p))}</ul>` : this.error ? '' : html`<pg-loading></pg-loading>`}
            <p><a href="#/wallet/privacy">${this.t('wallet.nav.privacy')}</a></p>
        </section>`;
    }
}

export class WalletPrivacy extends PgElement {
    static properties = {
        requests: {state: true},
        busy: {state: true},
        error: {state: true},
        confirmErase: {state: true},
        reauth: {state: true},
        download: {state: true},
    };

    connectedCallback() {
        super.connectedCallback();
        this.load();
    }

    disconnectedCallback() {
        clearTimeout(this.timer);
        if (this.download) {
            URL.revokeObjectURL(this.download.url);
        }
        super.disconnectedCallback();
    }

    async load() {
        clearTimeout(this.timer);
        try {
            const answer = await api('auth', '/v1/data_subject_requests');
            this.requests = Array.isArray(answer) ? answer : answer.data || [];
            if (this.requests.some((r) => ['verified', 'in_progress'].includes(r.status))) {
                this.timer = setTimeout(() => this.load(), 3000);
            }
        } catch (e) {
            this.error = e;
        }
    }

    async create(type) {
        this.busy = type;
        this.error = null;
        this.reauth = false;
        try {
            await api('auth', '/v1/data_subject_requests', {method: 'POST', body: {type}});
            this.confirmErase = false;
            await this.load();
        } catch (e) {
            this.error = e;
        } finally {
            this.busy = null;
        }
    }

    async verify(id) {
        this.error = null;
        try {
            await api('auth', `/v1/data_subject_requests/${encodeURIComponent(id)}/verify`, {method: 'POST'});
            await this.load();
        } catch (e) {
            if (e instanceof ApiError && e.code === 'reauthentication_required') {
                this.reauth = true;
            } else {
                this.error = e;
            }
        }
    }

    async fetchExport(id) {
        this.error = null;
        try {
            const response = await api('auth', `/v1/data_subject_requests/${encodeURIComponent(id)}/export`, {raw: true});
            const blob = new Blob([await response.arrayBuffer()], {type: 'application/json'});
            if (this.download) {
                URL.revokeObjectURL(this.download.url);
            }
            this.download = {id, url: URL.createObjectURL(blob), size: blob.size};
            await this.updateComplete;
            this.querySelector('[data-testid="privacy-save"]')?.click();
        } catch (e) {
            this.error = e;
        }
    }

    request(r) {
        return html`<li class="card" data-testid="dsr" data-type=${r.type} data-status=${r.status}>
            <p><strong>${this.t(`wallet.privacy.type.${r.type}`)}</strong> · ${this.t(`wallet.privacy.status.${r.status}`)}</p>
            <p class="muted">${this.t('wallet.privacy.received', {at: formatDateTime(r.receivedAt)})}
                · ${this.t('wallet.privacy.deadline', {at: formatDateTime(r.deadline)})}</p>
            ${r.status === 'received'
                ? html`<button data-testid="dsr-verify" @click=${() => this.verify(r.id)}>${this.t('wallet.privacy.verify')}</button>`
                : ''}
            ${r.refusal ? html`<p>${this.t('wallet.privacy.refused')}: <code>${r.refusal.code}</code> ${r.refusal.detail || ''}</p>` : ''}
            ${r.type === 'access' && r.export?.available
                ? html`<div class="actions"><button class="primary" data-testid="dsr-download" @click=${() => this.fetchExport(r.id)}>${this.t('wallet.privacy.download')}</button>
                      ${this.download?.id === r.id
                          ? html`<a class="button" data-testid="privacy-save" href=${this.download.url} download="payguard-export-${r.id}.json">${this.t('wallet.privacy.save', {size: this.download.size})}</a>`
                          : ''}</div>
                      <p class="muted">${this.t('wallet.privacy.expires', {at: formatDateTime(r.export.expiresAt)})}</p>`
                : ''}
            ${r.outcome?.length
                ? html`<table class="responsive"><caption>${this.t('wallet.privacy.outcome')}</caption>
                      <thead><tr><th scope="col">${this.t('wallet.privacy.service')}</th><th scope="col">${this.t('wallet.privacy.data')}</th>
                          <th scope="col">${this.t('wallet.privacy.action')}</th><th scope="col">${this.t('wallet.privacy.until')}</th></tr></thead>
                      <tbody>${r.outcome.map(
                          (o) => html`<tr><td>${o.service}</td><td>${o.dataType} (${o.count})</td><td>${o.action}</td>
                              <td>${o.holdUntil ? html`${formatDateTime(o.holdUntil)}<br /><span class="muted">${o.legalBasis}</span>` : '—'}</td></tr>`,
                      )}</tbody></table>`
                : ''}
        </li>`;
    }

    render() {
        return html`<section data-testid="wallet-privacy" class="wallet">
            <h1>${this.t('wallet.privacy.title')}</h1>
            <h2>${this.t('wallet.privacy.access')}</h2>
            <p>${this.t('wallet.privacy.access.intro')}</p>
            <div class="actions"><button class="primary" data-testid="dsr-access" ?disabled=${Boolean(this.busy)} @click=${() => this.create('access')}>${this.t('wallet.privacy.access.ask')}</button></div>
            <h2>${this.t('wallet.privacy.erase')}</h2>
            <p>${this.t('wallet.privacy.erase.intro')}</p>
            <div class="actions">${this.confirmErase
                ? html`<p role="alert" class="problem">${this.t('wallet.privacy.erase.sure')}</p>
                      <button class="danger" data-testid="dsr-erase-confirm" ?disabled=${Boolean(this.busy)} @click=${() => this.create('erasure')}>${this.t('wallet.privacy.erase.confirm')}</button>
                      <button @click=${() => (this.confirmErase = false)}>${this.t('core.cancel')}</button>`
                : html`<button class="danger" data-testid="dsr-erase" @click=${() => (this.confirmErase = true)}>${this.t('wallet.privacy.erase.ask')}</button>`}</div>
            ${this.reauth
                ? html`<div class="card" role="alert"><p>${this.t('wallet.privacy.reauth')}</p>
                      <button class="primary" @click=${() => login({prompt: 'login'})}>${this.t('wallet.authn.relogin')}</button></div>`
                : ''}
            <pg-problem .error=${this.error}></pg-problem>
            <h2>${this.t('wallet.privacy.requests')}</h2>
            ${this.requests === undefined && !this.error ? html`<pg-loading></pg-loading>` : ''}
            ${this.requests?.length ? html`<ul class="wallet-requests">${this.requests.map((r) => this.request(r))}</ul>` : ''}
            ${this.requests && !this.requests.length ? html`<pg-empty text=${this.t('wallet.privacy.none')}></pg-empty>` : ''}
        </section>`;
    }
}

customElements.define('pg-wallet-consents', WalletConsents);
customElements.define('pg-wallet-privacy', WalletPrivacy);
