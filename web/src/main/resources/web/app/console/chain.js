// Chain verification: the chain's head, its last signed checkpoint, the last verification run here, and "Verify now"
// (POST /v1/audit/chain/verifications). A broken chain shows where: every finding with its kind, position and record.
import {html} from 'lit';
import {api} from '../core/api.js';
import {formatDateTime} from '../core/format.js';
import {PgElement} from '../core/ui.js';

const CHECKPOINT_PAGE = 1000;

// The last verification of this browser session, kept across screens: the API records each run but has no read route.
let lastRun = null;

/** The newest signed checkpoint: pages through the checkpoints after a window below the head, widening it if empty. */
async function lastCheckpoint(headSeq) {
    let span = 4096;
    for (;;) {
        let after = Math.max(0, headSeq - span);
        let last = null;
        for (;;) {
            const page = await api('audit', '/v1/audit/chain/checkpoints', {query: {after, limit: CHECKPOINT_PAGE}});
            const list = page?.checkpoints ?? [];
            if (list.length) {
                last = list[list.length - 1];
                after = last.seq;
            }
            if (list.length < CHECKPOINT_PAGE) {
                break;
            }
        }
        if (last || headSeq - span <= 0) {
            return last;
        }
        span *= 8;
    }
}

export class ConsoleChain extends PgElement {
    static properties = {
        status: {state: true},
        checkpoint: {state: true},
        error: {state: true},
        run: {state: true},
        runError: {state: true},
        verifying: {state: true},
        mode: {state: true},
    };

    constructor() {
        super();
        this.run = lastRun;
        this.mode = 'incremental';
        this.verifying = false;
    }

    connectedCallback() {
        super.connectedCallback();
        this.load();
    }

    async load() {
        this.error = null;
        try {
            this.status = await api('audit', '/v1/audit/chain/retention');
            this.checkpoint = (await lastCheckpoint(this.status.headSeq)) ?? null;
        } catch (e) {
            this.error = e;
        }
    }

    async verify() {
        this.verifying = true;
        this.runError = null;
        try {
            const result = await api('audit', '/v1/audit/chain/verifications', {method: 'POST', query: {mode: this.mode}});
            lastRun = {...result, at: new Date().toISOString()};
            this.run = lastRun;
        } catch (e) {
            this.runError = e;
        } finally {
            this.verifying = false;
        }
        await this.load();
    }

    statusCard() {
        if (this.error) {
            return html`<pg-problem .error=${this.error}></pg-problem>`;
        }
        if (!this.status) {
            return html`<pg-loading></pg-loading>`;
        }
        const c = this.checkpoint;
        return html`<section class="card" aria-labelledby="chain-status-h">
            <h2 id="chain-status-h">${this.t('console.chain.status')}</h2>
            <dl class="console-facts">
                <dt>${this.t('console.chain.head')}</dt>
                <dd data-testid="console-chain-head">${this.status.headSeq}</dd>
                <dt>${this.t('console.chain.checkpoint')}</dt>
                <dd data-testid="console-chain-checkpoint">
                    ${c
                        ? html`${this.t('console.chain.checkpoint.at', {seq: c.seq})} ·
                              <time datetime=${c.createdAt}>${formatDateTime(c.createdAt)}</time> ·
                              <code>${c.keyId}</code>`
                        : this.t('console.chain.checkpoint.none')}
                </dd>
                ${c ? html`<dt>${this.t('console.chain.checkpoint.hash')}</dt><dd><code>${c.headHash}</code></dd>` : ''}
                <dt>${this.t('console.chain.lastRun')}</dt>
                <dd data-testid="console-chain-last-run">
                    ${this.run
                        ? html`<time datetime=${this.run.at}>${formatDateTime(this.run.at)}</time> ·
                              ${this.t(`console.chain.mode.${this.run.mode}`)} ·
                              ${this.t(this.run.intact ? 'console.chain.intact' : 'console.chain.broken')}`
                        : this.t('console.chain.lastRun.none')}
                </dd>
            </dl>
        </section>`;
    }

    finding(f) {
        return html`<tr>
            <td>${this.t(`console.chain.kind.${f.kind}`)} <code>${f.kind}</code></td>
            <td>${f.seq}</td>
            <td>${f.recordId ? html`<code>${f.recordId}</code>` : html`<span class="muted">—</span>`}</td>
            <td>${f.detail}</td>
        </tr>`;
    }

    findingsTable(findings, testid, caption) {
        return html`<div class="console-scroll" tabindex="0" role="region" aria-label=${caption}><table class="responsive" data-testid=${testid}>
            <caption>${caption}</caption>
            <thead><tr>
                <th scope="col">${this.t('console.chain.finding.kind')}</th>
                <th scope="col">${this.t('console.chain.finding.seq')}</th>
                <th scope="col">${this.t('console.chain.finding.record')}</th>
                <th scope="col">${this.t('console.chain.finding.detail')}</th>
            </tr></thead>
            <tbody>${findings.map((f) => this.finding(f))}</tbody>
        </table></div>`;
    }

    result() {
        const r = this.run;
        if (!r) {
            return '';
        }
        const findings = r.findings ?? [];
        const checkpoints = r.checkpointFindings ?? [];
        const first = [...findings, ...checkpoints].sort((a, b) => a.seq - b.seq)[0];
        return html`<section aria-labelledby="chain-result-h" data-testid="console-chain-result">
            <h2 id="chain-result-h">${this.t('console.chain.result')}</h2>
            <p class="console-state ${r.intact ? 'ok' : 'bad'}" role="status" data-testid="console-chain-state"
                data-state=${r.intact ? 'intact' : 'broken'}>
                ${this.t(r.intact ? 'console.chain.intact' : 'console.chain.broken')}
            </p>
            <p data-testid="console-chain-summary">
                ${this.t('console.chain.summary', {
                    mode: this.t(`console.chain.mode.${r.mode}`),
                    records: r.recordsChecked,
                    checkpoints: r.checkpointsChecked,
                    from: r.fromSeq,
                    to: r.toSeq,
                    millis: r.tookMillis,
                    rate: r.recordsPerSecond,
                })}
            </p>
            <p class="muted">${this.t('console.chain.toHash')} <code>${r.toHash}</code></p>
            ${first
                ? html`<p class="console-break" data-testid="console-chain-break">
                      ${this.t('console.chain.breakAt', {seq: first.seq, kind: this.t(`console.chain.kind.${first.kind}`)})}
                  </p>`
                : ''}
            ${findings.length ? this.findingsTable(findings, 'console-chain-findings', this.t('console.chain.findings')) : ''}
            ${checkpoints.length
                ? this.findingsTable(checkpoints, 'console-chain-checkpoint-findings', this.t('console.chain.checkpointFindings'))
                : ''}
        </section>`;
    }

    render() {
        return html`<section data-testid="console-chain" class="console">
            <h1>${this.t('console.chain.title')}</h1>
            <p class="muted">${this.t('console.chain.intro')}</p>
            ${this.statusCard()}
            <div class="actions console-inline">
                <div class="console-field">
                    <label for="chain-mode">${this.t('console.chain.mode')}</label>
                    <select id="chain-mode" data-testid="console-chain-mode" @change=${(e) => (this.mode = e.target.value)}>
                        ${['incremental', 'full'].map(
                            (m) => html`<option value=${m} ?selected=${m === this.mode}>${this.t(`console.chain.mode.${m}`)}</option>`,
                        )}
                    </select>
                </div>
                <button class="primary" data-testid="console-chain-verify" ?disabled=${this.verifying} @click=${() => this.verify()}>
                    ${this.t(this.verifying ? 'console.chain.verifying' : 'console.chain.verify')}
                </button>
            </div>
            ${this.runError ? html`<pg-problem .error=${this.runError}></pg-problem>` : ''}
            ${this.result()}
        </section>`;
    }
}

customElements.define('pg-console-chain', ConsoleChain);
