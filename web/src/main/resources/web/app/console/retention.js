// Retention report: each service's schedule, purge jobs and recent purge rounds (GET /v1/retention on each service).
import {html} from 'lit';
import {api} from '../core/api.js';
import {PgElement} from '../core/ui.js';
import {rowsTable} from './common.js';

const SERVICES = ['auth', 'payment', 'wallet', 'audit'];
const RUNS_SHOWN = 10;

export class ConsoleRetention extends PgElement {
    static properties = {reports: {state: true}};

    constructor() {
        super();
        this.reports = {};
    }

    connectedCallback() {
        super.connectedCallback();
        SERVICES.forEach((s) => this.load(s));
    }

    async load(service) {
        try {
            const report = await api(service, '/v1/retention');
            this.reports = {...this.reports, [service]: {report}};
        } catch (error) {
            this.reports = {...this.reports, [service]: {error}};
        }
    }

    service(id) {
        const entry = this.reports[id];
        let body;
        if (!entry) {
            body = html`<pg-loading></pg-loading>`;
        } else if (entry.error) {
            body = html`<pg-problem .error=${entry.error}></pg-problem>`;
        } else {
            const r = entry.report;
            body = html`<h3>${this.t('console.retention.schedule')}</h3>
                ${r.schedule.length ? rowsTable(r.schedule, `console-retention-schedule-${id}`, `${r.service}: ${this.t('console.retention.schedule')}`) : html`<pg-empty></pg-empty>`}
                <h3>${this.t('console.retention.jobs')}</h3>
                ${r.jobs.length ? rowsTable(r.jobs, `console-retention-jobs-${id}`, `${r.service}: ${this.t('console.retention.jobs')}`) : html`<pg-empty></pg-empty>`}
                <h3>${this.t('console.retention.runs')}</h3>
                ${r.runs.length
                    ? rowsTable(r.runs.slice(0, RUNS_SHOWN), `console-retention-runs-${id}`, `${r.service}: ${this.t('console.retention.runs')}`)
                    : html`<pg-empty text=${this.t('console.retention.noRuns')}></pg-empty>`}`;
        }
        const name = entry?.report?.service ?? `${id}-service`;
        return html`<section class="card" aria-labelledby="retention-${id}-h" data-testid="console-retention-${id}">
            <h2 id="retention-${id}-h">${name}</h2>
            ${body}
        </section>`;
    }

    render() {
        return html`<section data-testid="console-retention" class="console">
            <h1>${this.t('console.retention.title')}</h1>
            <p class="muted">${this.t('console.retention.intro')}</p>
            ${SERVICES.map((s) => this.service(s))}
        </section>`;
    }
}

customElements.define('pg-console-retention', ConsoleRetention);
