// KYC tier changes (auth-service PUT /v1/customers/{subject}/kyc, operators and compliance officers): tier, evidence
// reference and reason, a confirm step, the answer (previous tier, wallet class). Compliance officers also see the
// recent tier changes the audit trail recorded (GET /v1/audit/search?eventType=…kyc_tier_changed.v1).
import {html} from 'lit';
import {api} from '../core/api.js';
import {PgElement} from '../core/ui.js';
import {canAudit, cell} from './common.js';

const CHANGED = 'io.payguard.security.customer.kyc_tier_changed.v1';

export class ConsoleKyc extends PgElement {
    static properties = {
        form: {state: true},
        confirm: {state: true},
        busy: {state: true},
        error: {state: true},
        results: {state: true},
        trail: {state: true},
        trailError: {state: true},
    };

    constructor() {
        super();
        this.form = {subject: '', tier: '2', evidenceRef: '', reason: ''};
        this.confirm = false;
        this.results = [];
    }

    connectedCallback() {
        super.connectedCallback();
        if (canAudit()) {
            this.loadTrail();
        }
    }

    async loadTrail() {
        this.trailError = null;
        try {
            const page = await api('audit', '/v1/audit/search', {query: {eventType: CHANGED, limit: 1000}});
            this.trail = page.records.slice(-20).reverse();
        } catch (e) {
            this.trailError = e;
        }
    }

    set(name, value) {
        this.form = {...this.form, [name]: value};
        this.confirm = false;
    }

    async submit() {
        const f = this.form;
        this.busy = true;
        this.error = null;
        try {
            const body = {tier: Number(f.tier), evidenceRef: f.evidenceRef.trim()};
            if (f.reason.trim()) {
                body.reason = f.reason.trim();
            }
            const result = await api('auth', `/v1/customers/${encodeURIComponent(f.subject.trim())}/kyc`, {method: 'PUT', body});
            this.results = [result, ...this.results];
            this.form = {subject: '', tier: '2', evidenceRef: '', reason: ''};
            this.confirm = false;
            if (canAudit()) {
                await this.loadTrail();
            }
        } catch (e) {
            this.error = e;
            this.confirm = false;
        } finally {
            this.busy = false;
        }
    }

    formView() {
        const f = this.form;
        const ready = f.subject.trim() && f.evidenceRef.trim();
        return html`<form class="console-form card" data-testid="console-kyc-form" @submit=${(e) => {
            e.preventDefault();
            this.confirm = true;
        }}>
            <label for="kyc-subject">${this.t('console.kyc.subject')}</label>
            <input id="kyc-subject" data-testid="console-kyc-subject" required maxlength="128" autocomplete="off" .value=${f.subject}
                @input=${(e) => this.set('subject', e.target.value)} />
            <label for="kyc-tier">${this.t('console.kyc.tier')}</label>
            <select id="kyc-tier" data-testid="console-kyc-tier" @change=${(e) => this.set('tier', e.target.value)}>
                ${['1', '2', '3'].map((n) => html`<option value=${n} ?selected=${n === f.tier}>${this.t(`console.kyc.tier.${n}`)}</option>`)}
            </select>
            <label for="kyc-evidence">${this.t('console.kyc.evidence')}</label>
            <input id="kyc-evidence" data-testid="console-kyc-evidence" required maxlength="128" autocomplete="off" .value=${f.evidenceRef}
                @input=${(e) => this.set('evidenceRef', e.target.value)} />
            <label for="kyc-reason">${this.t('console.kyc.reason')}</label>
            <textarea id="kyc-reason" data-testid="console-kyc-reason" maxlength="500" rows="2" .value=${f.reason}
                @input=${(e) => this.set('reason', e.target.value)}></textarea>
            <p class="muted">${this.t('console.kyc.noPersonal')}</p>
            ${this.error ? html`<pg-problem .error=${this.error}></pg-problem>` : ''}
            <div class="actions">
                ${this.confirm
                    ? html`<p class="console-confirm" role="status">${this.t('console.kyc.sure', {subject: f.subject.trim(), tier: f.tier})}</p>
                          <button type="button" class="primary" data-testid="console-kyc-confirm" ?disabled=${this.busy}
                              @click=${() => this.submit()}>${this.t('console.kyc.apply')}</button>
                          <button type="button" class="link" @click=${() => (this.confirm = false)}>${this.t('console.cancel')}</button>`
                    : html`<button type="submit" class="primary" data-testid="console-kyc-next" ?disabled=${!ready}>${this.t('console.next')}</button>`}
            </div>
        </form>`;
    }

    resultsView() {
        return this.results.map(
            (r) => html`<p class="notice" role="status" data-testid="console-kyc-result" data-changed=${String(r.changed)}>
                ${this.t(r.changed ? 'console.kyc.changed' : 'console.kyc.confirmed', {
                    subject: r.subject,
                    tier: r.tier,
                    previous: r.previousTier,
                    walletClass: this.t(`console.kyc.class.${r.walletClass}`),
                })}
            </p>`,
        );
    }

    trailView() {
        if (!canAudit()) {
            return '';
        }
        let body;
        if (this.trailError) {
            body = html`<pg-problem .error=${this.trailError}></pg-problem>`;
        } else if (!this.trail) {
            body = html`<pg-loading></pg-loading>`;
        } else if (!this.trail.length) {
            body = html`<pg-empty text=${this.t('console.kyc.noTrail')}></pg-empty>`;
        } else {
            body = html`<div class="console-scroll" tabindex="0" role="region" aria-label=${this.t('console.kyc.trail')}><table class="responsive" data-testid="console-kyc-trail">
                <caption class="visually-hidden">${this.t('console.kyc.trail')}</caption>
                <thead><tr>
                    <th scope="col">${this.t('console.col.occurredAt')}</th>
                    <th scope="col">${this.t('console.col.object')}</th>
                    <th scope="col">${this.t('console.col.actor')}</th>
                    <th scope="col">${this.t('console.col.outcome')}</th>
                </tr></thead>
                <tbody>${this.trail.map(
                    (r) => html`<tr>
                        <td>${cell(r.occurredAt)}</td>
                        <td><code>${r.objectId}</code></td>
                        <td>${cell(r.actor?.subject)} ${r.actor?.roles?.length ? html`<span class="muted">(${r.actor.roles.join(', ')})</span>` : ''}</td>
                        <td>${r.outcome}</td>
                    </tr>`,
                )}</tbody>
            </table></div>`;
        }
        return html`<section aria-labelledby="kyc-trail-h"><h2 id="kyc-trail-h">${this.t('console.kyc.trail')}</h2>${body}</section>`;
    }

    render() {
        return html`<section data-testid="console-kyc" class="console">
            <h1>${this.t('console.kyc.title')}</h1>
            <p class="muted">${this.t('console.kyc.intro')}</p>
            ${this.resultsView()} ${this.formView()} ${this.trailView()}
        </section>`;
    }
}

customElements.define('pg-console-kyc', ConsoleKyc);
