// Data-subject requests and legal holds (auth-service, compliance officers): the requests newest first
// (GET /v1/data_subject_requests[?status]) with refusal (POST …/{id}/refuse); legal holds (GET/POST /v1/legal_holds,
// POST /v1/legal_holds/{id}/release). Refusing and releasing confirm first.
import {html} from 'lit';
import {api} from '../core/api.js';
import {PgElement} from '../core/ui.js';
import {cell} from './common.js';

const STATUSES = ['received', 'verified', 'in_progress', 'on_hold', 'completed', 'refused'];
const FINISHED = ['completed', 'refused'];

export class ConsolePrivacy extends PgElement {
    static properties = {
        status: {state: true},
        requests: {state: true},
        requestsError: {state: true},
        holdSubject: {state: true},
        holds: {state: true},
        holdsError: {state: true},
        newHold: {state: true},
        newHoldError: {state: true},
        acting: {state: true},
        actError: {state: true},
        busy: {state: true},
        notice: {state: true},
    };

    constructor() {
        super();
        this.status = '';
        this.holdSubject = '';
        this.newHold = {subject: '', reason: ''};
        this.acting = null;
    }

    connectedCallback() {
        super.connectedCallback();
        this.loadRequests();
        this.loadHolds();
    }

    async loadRequests() {
        this.requestsError = null;
        this.requests = null;
        try {
            this.requests = (await api('auth', '/v1/data_subject_requests', {query: {status: this.status}})).data;
        } catch (e) {
            this.requestsError = e;
        }
    }

    async loadHolds() {
        this.holdsError = null;
        this.holds = null;
        try {
            this.holds = (await api('auth', '/v1/legal_holds', {query: {subject: this.holdSubject.trim()}})).data;
        } catch (e) {
            this.holdsError = e;
        }
    }

    async setHold() {
        this.busy = true;
        this.newHoldError = null;
        try {
            const hold = await api('auth', '/v1/legal_holds', {
                method: 'POST',
                body: {subject: this.newHold.subject.trim(), reason: this.newHold.reason.trim()},
            });
            this.notice = this.t('console.privacy.holdSet', {id: hold.id});
            this.newHold = {subject: '', reason: ''};
            await this.loadHolds();
        } catch (e) {
            this.newHoldError = e;
        } finally {
            this.busy = false;
        }
    }

    /** acting = {kind: 'refuse'|'release', id, reason, confirm}: the inline form under a row. */
    async act() {
        const a = this.acting;
        this.busy = true;
        this.actError = null;
        try {
            if (a.kind === 'refuse') {
                await api('auth', `/v1/data_subject_requests/${encodeURIComponent(a.id)}/refuse`, {method: 'POST', body: {reason: a.reason.trim()}});
                this.notice = this.t('console.privacy.refused', {id: a.id});
                this.acting = null;
                await this.loadRequests();
            } else {
                await api('auth', `/v1/legal_holds/${encodeURIComponent(a.id)}/release`, {method: 'POST', body: {reason: a.reason.trim()}});
                this.notice = this.t('console.privacy.released', {id: a.id});
                this.acting = null;
                await this.loadHolds();
            }
        } catch (e) {
            this.actError = e;
        } finally {
            this.busy = false;
        }
    }

    actForm(colspan) {
        const a = this.acting;
        const verb = this.t(`console.verb.${a.kind}`);
        return html`<tr class="console-detail-row"><td colspan=${colspan}>
            <form class="console-form" data-testid="console-privacy-act" @submit=${(e) => {
                e.preventDefault();
                this.acting = {...a, confirm: true};
            }}>
                <label for="privacy-act-reason">${this.t('console.privacy.reason', {verb, id: a.id})}</label>
                <textarea id="privacy-act-reason" data-testid="console-privacy-act-reason" required minlength="5" maxlength="500" rows="2"
                    .value=${a.reason} ?disabled=${a.confirm} @input=${(e) => (this.acting = {...a, reason: e.target.value})}></textarea>
                ${this.actError ? html`<pg-problem .error=${this.actError}></pg-problem>` : ''}
                <div class="actions">
                    ${a.confirm
                        ? html`<p class="console-confirm" role="status">${this.t('console.privacy.sure', {verb, id: a.id})}</p>
                              <button type="button" class="danger" data-testid="console-privacy-act-confirm" ?disabled=${this.busy}
                                  @click=${() => this.act()}>${this.t('console.reviews.confirm', {verb})}</button>`
                        : html`<button type="submit" data-testid="console-privacy-act-next" ?disabled=${a.reason.trim().length < 5}>${this.t('console.next')}</button>`}
                    <button type="button" class="link" @click=${() => (this.acting = null)}>${this.t('console.cancel')}</button>
                </div>
            </form>
        </td></tr>`;
    }

    requestRow(r) {
        const open = this.acting?.kind === 'refuse' && this.acting.id === r.id;
        return html`<tr data-testid="console-dsr-row" data-id=${r.id}>
                <td><code>${r.id}</code></td>
                <td>${this.t(`console.privacy.type.${r.type}`)}</td>
                <td><span class="console-status ${r.status}">${this.t(`console.privacy.status.${r.status}`)}</span>
                    ${r.refusal ? html`<br /><span class="muted">${r.refusal.code}: ${r.refusal.detail}</span>` : ''}</td>
                <td>${r.jurisdiction}</td>
                <td>${cell(r.receivedAt)}</td>
                <td>${cell(r.deadline)}</td>
                <td>${cell(r.completedAt)}</td>
                <td>${FINISHED.includes(r.status)
                    ? ''
                    : html`<button class="danger" data-testid="console-dsr-refuse" ?disabled=${open}
                          @click=${() => this.startAct('refuse', r.id)}>${this.t('console.privacy.refuse')}<span class="visually-hidden"> ${r.id}</span></button>`}</td>
            </tr>
            ${open ? this.actForm(8) : ''}`;
    }

    startAct(kind, id) {
        this.acting = {kind, id, reason: '', confirm: false};
        this.actError = null;
    }

    requestsSection() {
        let body;
        if (this.requestsError) {
            body = html`<pg-problem .error=${this.requestsError}></pg-problem>`;
        } else if (!this.requests) {
            body = html`<pg-loading></pg-loading>`;
        } else if (!this.requests.length) {
            body = html`<pg-empty data-testid="console-dsr-empty" text=${this.t('console.privacy.noRequests')}></pg-empty>`;
        } else {
            body = html`<div class="console-scroll" tabindex="0" role="region" aria-label=${this.t('console.privacy.requests')}><table data-testid="console-dsr-table">
                <caption class="visually-hidden">${this.t('console.privacy.requests')}</caption>
                <thead><tr>
                    <th scope="col">${this.t('console.col.id')}</th>
                    <th scope="col">${this.t('console.col.type')}</th>
                    <th scope="col">${this.t('console.col.status')}</th>
                    <th scope="col">${this.t('console.col.jurisdiction')}</th>
                    <th scope="col">${this.t('console.col.receivedAt')}</th>
                    <th scope="col">${this.t('console.col.deadline')}</th>
                    <th scope="col">${this.t('console.col.completedAt')}</th>
                    <th scope="col"><span class="visually-hidden">${this.t('console.col.actions')}</span></th>
                </tr></thead>
                <tbody>${this.requests.map((r) => this.requestRow(r))}</tbody>
            </table></div>`;
        }
        return html`<section aria-labelledby="dsr-h" data-testid="console-dsr">
            <h2 id="dsr-h">${this.t('console.privacy.requests')}</h2>
            <p class="muted">${this.t('console.privacy.requestsIntro')}</p>
            <div class="console-inline">
                <div class="console-field">
                    <label for="dsr-status">${this.t('console.col.status')}</label>
                    <select id="dsr-status" data-testid="console-dsr-status" @change=${(e) => {
                        this.status = e.target.value;
                        this.loadRequests();
                    }}>
                        <option value="">${this.t('console.any')}</option>
                        ${STATUSES.map((s) => html`<option value=${s} ?selected=${s === this.status}>${this.t(`console.privacy.status.${s}`)}</option>`)}
                    </select>
                </div>
            </div>
            ${body}
        </section>`;
    }

    holdRow(h) {
        const open = this.acting?.kind === 'release' && this.acting.id === h.id;
        return html`<tr data-testid="console-hold-row" data-id=${h.id} data-subject=${h.subject} data-released=${h.releasedAt ? 'true' : 'false'}>
                <td><code>${h.id}</code></td>
                <td><code>${h.subject}</code></td>
                <td>${h.reason}</td>
                <td>${cell(h.setBy)}</td>
                <td>${cell(h.setAt)}</td>
                <td>${h.releasedAt ? cell(h.releasedAt) : html`<span class="console-status on_hold">${this.t('console.privacy.active')}</span>`}</td>
                <td>${h.releasedAt
                    ? ''
                    : html`<button class="danger" data-testid="console-hold-release" ?disabled=${open}
                          @click=${() => this.startAct('release', h.id)}>${this.t('console.privacy.release')}<span class="visually-hidden"> ${h.id}</span></button>`}</td>
            </tr>
            ${open ? this.actForm(7) : ''}`;
    }

    holdsTable() {
        if (this.holdsError) {
            return html`<pg-problem .error=${this.holdsError}></pg-problem>`;
        }
        if (!this.holds) {
            return html`<pg-loading></pg-loading>`;
        }
        if (!this.holds.length) {
            return html`<pg-empty data-testid="console-holds-empty" text=${this.t('console.privacy.noHolds')}></pg-empty>`;
        }
        return html`<div class="console-scroll" tabindex="0" role="region" aria-label=${this.t('console.privacy.holds')}><table data-testid="console-holds-table">
            <caption class="visually-hidden">${this.t('console.privacy.holds')}</caption>
            <thead><tr>
                <th scope="col">${this.t('console.col.id')}</th>
                <th scope="col">${this.t('console.col.subject')}</th>
                <th scope="col">${this.t('console.col.reason')}</th>
                <th scope="col">${this.t('console.col.setBy')}</th>
                <th scope="col">${this.t('console.col.setAt')}</th>
                <th scope="col">${this.t('console.col.releasedAt')}</th>
                <th scope="col"><span class="visually-hidden">${this.t('console.col.actions')}</span></th>
            </tr></thead>
            <tbody>${this.holds.map((h) => this.holdRow(h))}</tbody>
        </table></div>`;
    }

    newHoldForm() {
        const h = this.newHold;
        return html`<form class="console-form card" data-testid="console-hold-form" @submit=${(e) => {
            e.preventDefault();
            this.setHold();
        }}>
            <h3>${this.t('console.privacy.newHold')}</h3>
            <label for="hold-subject">${this.t('console.privacy.holdSubject')}</label>
            <input id="hold-subject" data-testid="console-hold-subject" required maxlength="128" autocomplete="off" .value=${h.subject}
                @input=${(e) => (this.newHold = {...h, subject: e.target.value})} />
            <label for="hold-reason">${this.t('console.col.reason')}</label>
            <textarea id="hold-reason" data-testid="console-hold-reason" required minlength="5" maxlength="500" rows="2" .value=${h.reason}
                @input=${(e) => (this.newHold = {...h, reason: e.target.value})}></textarea>
            ${this.newHoldError ? html`<pg-problem .error=${this.newHoldError}></pg-problem>` : ''}
            <div class="actions">
                <button class="primary" type="submit" data-testid="console-hold-set" ?disabled=${this.busy}>${this.t('console.privacy.setHold')}</button>
            </div>
        </form>`;
    }

    holdsSection() {
        return html`<section aria-labelledby="holds-h" data-testid="console-holds">
            <h2 id="holds-h">${this.t('console.privacy.holds')}</h2>
            <p class="muted">${this.t('console.privacy.holdsIntro')}</p>
            <form class="console-inline" @submit=${(e) => {
                e.preventDefault();
                this.loadHolds();
            }}>
                <div class="console-field">
                    <label for="holds-filter">${this.t('console.privacy.filterSubject')}</label>
                    <input id="holds-filter" data-testid="console-holds-filter" maxlength="128" autocomplete="off" .value=${this.holdSubject}
                        @input=${(e) => (this.holdSubject = e.target.value)} />
                </div>
                <button type="submit">${this.t('console.filter')}</button>
            </form>
            ${this.holdsTable()} ${this.newHoldForm()}
        </section>`;
    }

    render() {
        return html`<section data-testid="console-privacy" class="console">
            <h1>${this.t('console.privacy.title')}</h1>
            ${this.notice ? html`<p class="notice" role="status" data-testid="console-privacy-notice">${this.notice}</p>` : ''}
            ${this.requestsSection()} ${this.holdsSection()}
        </section>`;
    }
}

customElements.define('pg-console-privacy', ConsolePrivacy);
