// Personal-data access log: who read a data subject's personal data, which fields, why
// (GET /v1/audit/personal-data-access?dataSubject&from&to&after&limit).
import {html} from 'lit';
import {api} from '../core/api.js';
import {PgElement} from '../core/ui.js';
import {cell, isComplianceOfficer, rangeInputs, toInstant} from './common.js';

const PAGE = 50;

export class ConsoleAccessLog extends PgElement {
    static properties = {
        subject: {state: true},
        from: {state: true},
        to: {state: true},
        unmasked: {state: true},
        records: {state: true},
        cursor: {state: true},
        error: {state: true},
        loading: {state: true},
    };

    constructor() {
        super();
        this.subject = '';
        this.from = '';
        this.to = '';
        this.unmasked = false;
        this.records = null;
    }

    async search(more = false) {
        this.loading = true;
        this.error = null;
        try {
            const query = {dataSubject: this.subject.trim(), from: toInstant(this.from), to: toInstant(this.to), limit: PAGE};
            if (more) {
                query.after = this.cursor;
            }
            if (this.unmasked) {
                query.unmasked = true;
            }
            const page = await api('audit', '/v1/audit/personal-data-access', {query});
            this.records = more ? [...this.records, ...page.records] : page.records;
            this.cursor = page.records.length === PAGE ? page.nextCursor : null;
        } catch (e) {
            this.error = e;
        } finally {
            this.loading = false;
        }
    }

    table() {
        return html`<div class="console-scroll" tabindex="0" role="region" aria-label=${this.t('console.access.title')}><table class="responsive" data-testid="console-access-table">
            <caption class="visually-hidden">${this.t('console.access.title')}</caption>
            <thead><tr>
                <th scope="col">${this.t('console.col.occurredAt')}</th>
                <th scope="col">${this.t('console.col.accessor')}</th>
                <th scope="col">${this.t('console.col.sourceService')}</th>
                <th scope="col">${this.t('console.col.fields')}</th>
                <th scope="col">${this.t('console.col.purpose')}</th>
                <th scope="col">${this.t('console.col.reason')}</th>
                <th scope="col">${this.t('console.col.ip')}</th>
            </tr></thead>
            <tbody>${this.records.map(
                (r) => html`<tr data-testid="console-access-row">
                    <td>${cell(r.occurredAt)}</td>
                    <td>${cell(r.actor?.subject)} ${r.actor?.roles?.length ? html`<span class="muted">(${r.actor.roles.join(', ')})</span>` : ''}</td>
                    <td>${cell(r.sourceService)}</td>
                    <td>${cell(r.personalData?.fields)}</td>
                    <td>${cell(r.personalData?.purpose)}</td>
                    <td>${cell(r.personalData?.reason)}</td>
                    <td>${cell(r.origin?.ip)}</td>
                </tr>`,
            )}</tbody>
        </table></div>`;
    }

    results() {
        if (this.error) {
            return html`<pg-problem .error=${this.error}></pg-problem>`;
        }
        if (!this.records) {
            return this.loading ? html`<pg-loading></pg-loading>` : '';
        }
        if (!this.records.length) {
            return html`<pg-empty data-testid="console-access-empty" text=${this.t('console.access.none')}></pg-empty>`;
        }
        return html`<p role="status">${this.t('console.audit.count', {count: this.records.length})}</p>
            ${this.table()}
            ${this.cursor
                ? html`<div class="actions"><button ?disabled=${this.loading} @click=${() => this.search(true)}>${this.t('console.more')}</button></div>`
                : ''}`;
    }

    render() {
        return html`<section data-testid="console-access-log" class="console">
            <h1>${this.t('console.access.title')}</h1>
            <p class="muted">${this.t('console.access.intro')}</p>
            <form class="console-form" @submit=${(e) => {
                e.preventDefault();
                this.search();
            }}>
                <div class="console-grid">
                    <div class="console-field">
                        <label for="access-subject">${this.t('console.access.subject')}</label>
                        <input id="access-subject" data-testid="console-access-subject" required maxlength="128"
                            autocomplete="off" .value=${this.subject}
                            @input=${(e) => (this.subject = e.target.value)} />
                    </div>
                    ${rangeInputs('console-access', this.from, this.to, (v) => (this.from = v), (v) => (this.to = v))}
                </div>
                ${isComplianceOfficer()
                    ? html`<div class="console-check">
                          <input type="checkbox" id="access-unmasked" .checked=${this.unmasked} @change=${(e) => (this.unmasked = e.target.checked)} />
                          <label for="access-unmasked">${this.t('console.audit.unmasked')}</label>
                      </div>`
                    : ''}
                <div class="actions">
                    <button class="primary" type="submit" data-testid="console-access-search" ?disabled=${this.loading}>${this.t('console.audit.search')}</button>
                </div>
            </form>
            ${this.results()}
        </section>`;
    }
}

customElements.define('pg-console-access-log', ConsoleAccessLog);
