// The five compliance reports of audit-service (GET /v1/audit/reports/{report}?from&to), one tab each.
import {html} from 'lit';
import {api} from '../core/api.js';
import {PgElement} from '../core/ui.js';
import {rangeInputs, rowsTable, toInstant, toLocalInput} from './common.js';

export const REPORTS = ['failed-authentications', 'api-key-lifecycle', 'personal-data-accesses', 'risk-declines', 'admin-actions'];

export class ConsoleReports extends PgElement {
    static properties = {
        report: {state: true},
        from: {state: true},
        to: {state: true},
        result: {state: true},
        error: {state: true},
        loading: {state: true},
    };

    constructor() {
        super();
        this.report = REPORTS[0];
        const now = new Date();
        this.from = toLocalInput(new Date(now.getTime() - 7 * 24 * 3600 * 1000));
        this.to = '';
    }

    connectedCallback() {
        super.connectedCallback();
        this.load();
    }

    choose(report) {
        this.report = report;
        this.load();
    }

    async load() {
        this.loading = true;
        this.error = null;
        this.result = null;
        try {
            this.result = await api('audit', `/v1/audit/reports/${this.report}`, {query: {from: toInstant(this.from), to: toInstant(this.to)}});
        } catch (e) {
            this.error = e;
        } finally {
            this.loading = false;
        }
    }

    tabs() {
        return html`<div class="console-tabs" role="group" aria-label=${this.t('console.reports.choose')}>
            ${REPORTS.map(
                (r) => html`<button data-testid="console-report-${r}" aria-pressed=${r === this.report ? 'true' : 'false'}
                    class=${r === this.report ? 'primary' : ''} @click=${() => this.choose(r)}>${this.t(`console.report.${r}`)}</button>`,
            )}
        </div>`;
    }

    body() {
        if (this.error) {
            return html`<pg-problem .error=${this.error}></pg-problem>`;
        }
        if (this.loading || !this.result) {
            return html`<pg-loading></pg-loading>`;
        }
        const rows = this.result.rows ?? [];
        return html`<section data-testid="console-report-result" data-report=${this.result.report} aria-labelledby="report-h">
            <h2 id="report-h">${this.t(`console.report.${this.result.report}`)}</h2>
            <p class="muted">${this.t(`console.report.${this.result.report}.about`)}</p>
            <p role="status" data-testid="console-report-count">${this.t('console.reports.rows', {count: rows.length})}</p>
            ${rows.length
                ? rowsTable(rows, 'console-report-table', this.t(`console.report.${this.result.report}`))
                : html`<pg-empty data-testid="console-report-empty" text=${this.t('console.reports.none')}></pg-empty>`}
        </section>`;
    }

    render() {
        return html`<section data-testid="console-reports" class="console">
            <h1>${this.t('console.reports.title')}</h1>
            ${this.tabs()}
            <form class="console-form console-inline" @submit=${(e) => {
                e.preventDefault();
                this.load();
            }}>
                ${rangeInputs('console-reports', this.from, this.to, (v) => (this.from = v), (v) => (this.to = v))}
                <button type="submit" data-testid="console-reports-run" ?disabled=${this.loading}>${this.t('console.reports.run')}</button>
            </form>
            ${this.body()}
        </section>`;
    }
}

customElements.define('pg-console-reports', ConsoleReports);
