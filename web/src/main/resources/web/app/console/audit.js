// Audit search: the trail's filters (GET /v1/audit/search, keyset pages), the records of one request by correlation id
// (GET /v1/audit/records), a record's detail, and the export of a time range as CSV or NDJSON (GET /v1/audit/export).
import {html} from 'lit';
import {api, ApiError} from '../core/api.js';
import {formatDateTime} from '../core/format.js';
import {PgElement} from '../core/ui.js';
import {cell, isComplianceOfficer, rangeInputs, saveResponse, toInstant} from './common.js';

const TEXT_FILTERS = ['subject', 'clientId', 'objectType', 'objectId', 'action', 'eventType'];
const OUTCOMES = ['success', 'failure', 'declined'];
const PAGE = 50;

/** The exported count from an NDJSON export's last line, {"summary": {"exported": n, ...}}; null when absent. */
function summaryCount(text) {
    const lines = text.trimEnd().split('\n');
    try {
        return JSON.parse(lines[lines.length - 1])?.summary?.exported ?? null;
    } catch (e) {
        return null;
    }
}

export class ConsoleAudit extends PgElement {
    static properties = {
        filters: {state: true},
        records: {state: true},
        cursor: {state: true},
        error: {state: true},
        loading: {state: true},
        open: {state: true},
        exportFormat: {state: true},
        exporting: {state: true},
        exported: {state: true},
        exportError: {state: true},
    };

    constructor() {
        super();
        this.filters = {correlationId: '', outcome: '', from: '', to: '', unmasked: false};
        TEXT_FILTERS.forEach((f) => (this.filters[f] = ''));
        this.records = null;
        this.open = null;
        this.exportFormat = 'csv';
    }

    set(name, value) {
        this.filters = {...this.filters, [name]: value};
    }

    query(after) {
        const f = this.filters;
        const query = {from: toInstant(f.from), to: toInstant(f.to), limit: PAGE, after};
        TEXT_FILTERS.forEach((name) => (query[name] = f[name].trim()));
        query.outcome = f.outcome;
        if (f.unmasked) {
            query.unmasked = true;
        }
        return query;
    }

    async search(more = false) {
        this.loading = true;
        this.error = null;
        try {
            const id = this.filters.correlationId.trim();
            if (id) {
                const records = await api('audit', '/v1/audit/records', {query: {correlationId: id, limit: 1000}});
                this.records = records;
                this.cursor = null;
            } else {
                const page = await api('audit', '/v1/audit/search', {query: this.query(more ? this.cursor : undefined)});
                this.records = more ? [...this.records, ...page.records] : page.records;
                this.cursor = page.records.length === PAGE ? page.nextCursor : null;
            }
            if (!more) {
                this.open = null;
            }
        } catch (e) {
            this.error = e;
        } finally {
            this.loading = false;
        }
    }

    async exportRange() {
        this.exporting = true;
        this.exportError = null;
        this.exported = null;
        const f = this.filters;
        try {
            const query = {format: this.exportFormat, from: toInstant(f.from), to: toInstant(f.to)};
            if (f.unmasked) {
                query.unmasked = true;
            }
            const response = await api('audit', '/v1/audit/export', {query, raw: true});
            // the count header is read when CORS exposes it; NDJSON also ends with a summary line that has it
            let total = response.headers.get('X-PayGuard-Export-Total');
            const stamp = new Date().toISOString().replace(/[:.]/g, '-');
            const blob = await saveResponse(response, `audit-export-${stamp}.${this.exportFormat === 'csv' ? 'csv' : 'ndjson'}`);
            if (total === null && this.exportFormat === 'json') {
                total = summaryCount(await blob.text());
            }
            this.exported = {total, bytes: blob.size};
        } catch (e) {
            this.exportError = e instanceof ApiError ? e : new ApiError(0, {title: e.message});
        } finally {
            this.exporting = false;
        }
    }

    textInput(name) {
        return html`<div class="console-field">
            <label for="audit-${name}">${this.t(`console.audit.f.${name}`)}</label>
            <input id="audit-${name}" data-testid="console-audit-${name}" .value=${this.filters[name]} maxlength="128"
                autocomplete="off" @input=${(e) => this.set(name, e.target.value)} />
        </div>`;
    }

    form() {
        return html`<form class="console-form" data-testid="console-audit-form" @submit=${(e) => {
            e.preventDefault();
            this.search();
        }}>
            <div class="console-grid">
                ${this.textInput('correlationId')}
                ${TEXT_FILTERS.map((name) => this.textInput(name))}
                <div class="console-field">
                    <label for="audit-outcome">${this.t('console.audit.f.outcome')}</label>
                    <select id="audit-outcome" data-testid="console-audit-outcome" @change=${(e) => this.set('outcome', e.target.value)}>
                        <option value="">${this.t('console.any')}</option>
                        ${OUTCOMES.map((o) => html`<option value=${o} ?selected=${this.filters.outcome === o}>${o}</option>`)}
                    </select>
                </div>
                ${rangeInputs('console-audit', this.filters.from, this.filters.to, (v) => this.set('from', v), (v) => this.set('to', v))}
            </div>
            <p class="muted">${this.t('console.audit.correlationHint')}</p>
            ${isComplianceOfficer()
                ? html`<div class="console-check">
                      <input type="checkbox" id="audit-unmasked" data-testid="console-audit-unmasked" .checked=${this.filters.unmasked}
                          @change=${(e) => this.set('unmasked', e.target.checked)} />
                      <label for="audit-unmasked">${this.t('console.audit.unmasked')}</label>
                  </div>`
                : ''}
            <div class="actions">
                <button class="primary" type="submit" data-testid="console-audit-search" ?disabled=${this.loading}>
                    ${this.t('console.audit.search')}
                </button>
            </div>
        </form>`;
    }

    exportCard() {
        return html`<section class="card" aria-labelledby="audit-export-h">
            <h2 id="audit-export-h">${this.t('console.audit.export')}</h2>
            <p class="muted">${this.t('console.audit.export.hint')}</p>
            <div class="actions console-inline">
                <div class="console-field">
                    <label for="audit-export-format">${this.t('console.audit.export.format')}</label>
                    <select id="audit-export-format" data-testid="console-audit-export-format"
                        @change=${(e) => (this.exportFormat = e.target.value)}>
                        <option value="csv" ?selected=${this.exportFormat === 'csv'}>CSV</option>
                        <option value="json" ?selected=${this.exportFormat === 'json'}>NDJSON</option>
                    </select>
                </div>
                <button data-testid="console-audit-export" ?disabled=${this.exporting} @click=${() => this.exportRange()}>
                    ${this.t(this.exporting ? 'console.audit.exporting' : 'console.audit.download')}
                </button>
            </div>
            ${this.exportError ? html`<pg-problem .error=${this.exportError}></pg-problem>` : ''}
            ${this.exported
                ? html`<p class="notice" role="status" data-testid="console-audit-exported">
                      ${this.t('console.audit.exported', {total: this.exported.total ?? '?', bytes: this.exported.bytes})}
                  </p>`
                : ''}
        </section>`;
    }

    detail(r) {
        const fields = [
            ['id', html`<code>${r.id}</code>`],
            ['seq', r.seq],
            ['occurredAt', cell(r.occurredAt)],
            ['recordedAt', cell(r.recordedAt)],
            ['sourceService', r.sourceService],
            ['eventType', r.eventType],
            ['action', r.action],
            ['object', `${r.objectType ?? ''} ${r.objectId ?? ''}`],
            ['outcome', r.outcome],
            ['actor', cell(r.actor?.subject)],
            ['clientId', cell(r.actor?.clientId)],
            ['roles', cell(r.actor?.roles)],
            ['ip', cell(r.origin?.ip)],
            ['userAgent', cell(r.origin?.userAgent)],
            ['correlationId', cell(r.correlationId)],
            ['personalData', cell(r.personalData)],
            ['erased', r.erased ? this.t('console.yes') : this.t('console.no')],
            ['hash', html`<code>${r.hash}</code>`],
        ];
        return html`<tr class="console-detail-row"><td colspan="6">
            <dl class="console-facts" data-testid="console-audit-detail">
                ${fields.map(([k, v]) => html`<dt>${this.t(`console.col.${k}`)}</dt><dd>${v}</dd>`)}
            </dl>
        </td></tr>`;
    }

    row(r) {
        const open = this.open === r.id;
        return html`<tr data-testid="console-audit-row">
                <td><time datetime=${r.occurredAt}>${formatDateTime(r.occurredAt)}</time></td>
                <td>${r.sourceService}</td>
                <td><code>${r.action}</code></td>
                <td>${r.objectType} <code>${r.objectId}</code></td>
                <td><span class="console-outcome ${r.outcome}">${r.outcome}</span></td>
                <td>
                    <button class="link" aria-expanded=${open ? 'true' : 'false'} data-testid="console-audit-open"
                        @click=${() => (this.open = open ? null : r.id)}>
                        ${this.t(open ? 'console.hide' : 'console.details')}<span class="visually-hidden"> ${r.seq}</span>
                    </button>
                </td>
            </tr>
            ${open ? this.detail(r) : ''}`;
    }

    results() {
        if (this.error) {
            return html`<pg-problem .error=${this.error}></pg-problem>`;
        }
        if (this.loading && !this.records) {
            return html`<pg-loading></pg-loading>`;
        }
        if (!this.records) {
            return '';
        }
        if (!this.records.length) {
            return html`<pg-empty data-testid="console-audit-empty" text=${this.t('console.audit.none')}></pg-empty>`;
        }
        return html`<p role="status" data-testid="console-audit-count">${this.t('console.audit.count', {count: this.records.length})}</p>
            <div class="console-scroll" tabindex="0" role="region" aria-label=${this.t('console.audit.results')}><table data-testid="console-audit-results">
                <caption class="visually-hidden">${this.t('console.audit.results')}</caption>
                <thead><tr>
                    <th scope="col">${this.t('console.col.occurredAt')}</th>
                    <th scope="col">${this.t('console.col.sourceService')}</th>
                    <th scope="col">${this.t('console.col.action')}</th>
                    <th scope="col">${this.t('console.col.object')}</th>
                    <th scope="col">${this.t('console.col.outcome')}</th>
                    <th scope="col"><span class="visually-hidden">${this.t('console.details')}</span></th>
                </tr></thead>
                <tbody>${this.records.map((r) => this.row(r))}</tbody>
            </table></div>
            ${this.cursor
                ? html`<div class="actions"><button data-testid="console-audit-more" ?disabled=${this.loading}
                      @click=${() => this.search(true)}>${this.t('console.more')}</button></div>`
                : ''}`;
    }

    render() {
        return html`<section data-testid="console-audit" class="console">
            <h1>${this.t('console.audit.title')}</h1>
            ${this.form()} ${this.results()} ${this.exportCard()}
        </section>`;
    }
}

customElements.define('pg-console-audit', ConsoleAudit);
