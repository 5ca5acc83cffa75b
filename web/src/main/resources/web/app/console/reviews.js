// Risk review queue (payment-service): held payments oldest first (GET /v1/payment_reviews), approve or decline each
// with a reason after a confirm step (POST /v1/payment_reviews/{id}/approve|decline, Idempotency-Key per decision).
import {html} from 'lit';
import {api, newIdempotencyKey} from '../core/api.js';
import {PgElement} from '../core/ui.js';
import {cell} from './common.js';

const PAGE = 20;

export class ConsoleReviews extends PgElement {
    static properties = {
        items: {state: true},
        cursor: {state: true},
        error: {state: true},
        loading: {state: true},
        deciding: {state: true},
        decisionError: {state: true},
        decided: {state: true},
        busy: {state: true},
    };

    constructor() {
        super();
        this.items = null;
        this.deciding = null;
        this.decided = [];
    }

    connectedCallback() {
        super.connectedCallback();
        this.load();
    }

    async load(more = false) {
        this.loading = true;
        this.error = null;
        try {
            const page = await api('payment', '/v1/payment_reviews', {query: {limit: PAGE, cursor: more ? this.cursor : undefined}});
            this.items = more ? [...this.items, ...page.data] : page.data;
            this.cursor = page.has_more ? page.next_cursor : null;
        } catch (e) {
            this.error = e;
        } finally {
            this.loading = false;
        }
    }

    start(item, decision) {
        // one key per decision attempt: a retried click after a network failure is replayed, not decided twice
        this.deciding = {id: item.payment_intent, decision, reason: '', confirm: false, key: newIdempotencyKey()};
        this.decisionError = null;
    }

    async decide() {
        const d = this.deciding;
        this.busy = true;
        this.decisionError = null;
        try {
            const result = await api('payment', `/v1/payment_reviews/${encodeURIComponent(d.id)}/${d.decision}`, {
                method: 'POST',
                body: {reason: d.reason.trim()},
                idempotencyKey: d.key,
            });
            this.decided = [result, ...this.decided];
            this.deciding = null;
            await this.load();
        } catch (e) {
            this.decisionError = e;
        } finally {
            this.busy = false;
        }
    }

    decisionForm() {
        const d = this.deciding;
        const verb = this.t(`console.verb.${d.decision}`);
        return html`<tr class="console-detail-row"><td colspan="8">
            <form class="console-form" data-testid="console-review-form" @submit=${(e) => {
                e.preventDefault();
                this.deciding = {...d, confirm: true};
            }}>
                <label for="review-reason">${this.t('console.reviews.reason', {verb, id: d.id})}</label>
                <textarea id="review-reason" data-testid="console-review-reason" required maxlength="500" rows="2"
                    .value=${d.reason} ?disabled=${d.confirm} @input=${(e) => (this.deciding = {...d, reason: e.target.value})}></textarea>
                ${this.decisionError ? html`<pg-problem .error=${this.decisionError}></pg-problem>` : ''}
                <div class="actions">
                    ${d.confirm
                        ? html`<p class="console-confirm" role="status">${this.t('console.reviews.sure', {verb, id: d.id})}</p>
                              <button type="button" class=${d.decision === 'decline' ? 'danger' : 'primary'} data-testid="console-review-confirm"
                                  ?disabled=${this.busy} @click=${() => this.decide()}>${this.t('console.reviews.confirm', {verb})}</button>`
                        : html`<button type="submit" data-testid="console-review-next" ?disabled=${!d.reason.trim()}>${this.t('console.next')}</button>`}
                    <button type="button" class="link" data-testid="console-review-cancel" @click=${() => (this.deciding = null)}>
                        ${this.t('console.cancel')}
                    </button>
                </div>
            </form>
        </td></tr>`;
    }

    row(item) {
        const open = this.deciding?.id === item.payment_intent;
        return html`<tr data-testid="console-review-row" data-id=${item.payment_intent}>
                <td><code>${item.payment_intent}</code></td>
                <td>${item.merchant}</td>
                <td><pg-money .amount=${item.amount} currency=${item.currency}></pg-money></td>
                <td>${this.t(`console.reviews.method.${item.payment_method_type}`)} · ${item.capture_method}</td>
                <td><ul class="console-rules">${(item.rules ?? []).map(
                    (r) => html`<li><code>${r.id}</code> ${r.outcome}${r.reason ? html` — ${r.reason}` : ''}</li>`,
                )}</ul></td>
                <td>${cell(item.opened)}</td>
                <td>${cell(item.expires)}</td>
                <td class="console-row-actions">
                    <button data-testid="console-review-approve" ?disabled=${open} @click=${() => this.start(item, 'approve')}>
                        ${this.t('console.reviews.approve')}<span class="visually-hidden"> ${item.payment_intent}</span>
                    </button>
                    <button class="danger" data-testid="console-review-decline" ?disabled=${open} @click=${() => this.start(item, 'decline')}>
                        ${this.t('console.reviews.decline')}<span class="visually-hidden"> ${item.payment_intent}</span>
                    </button>
                </td>
            </tr>
            ${open ? this.decisionForm() : ''}`;
    }

    queue() {
        if (this.error) {
            return html`<pg-problem .error=${this.error}></pg-problem>`;
        }
        if (!this.items) {
            return html`<pg-loading></pg-loading>`;
        }
        if (!this.items.length) {
            return html`<pg-empty data-testid="console-reviews-empty" text=${this.t('console.reviews.none')}></pg-empty>`;
        }
        return html`<div class="console-scroll" tabindex="0" role="region" aria-label=${this.t('console.reviews.title')}><table data-testid="console-reviews-table">
                <caption class="visually-hidden">${this.t('console.reviews.title')}</caption>
                <thead><tr>
                    <th scope="col">${this.t('console.col.payment')}</th>
                    <th scope="col">${this.t('console.col.merchant')}</th>
                    <th scope="col">${this.t('console.col.amount')}</th>
                    <th scope="col">${this.t('console.col.method')}</th>
                    <th scope="col">${this.t('console.col.rules')}</th>
                    <th scope="col">${this.t('console.col.opened')}</th>
                    <th scope="col">${this.t('console.col.expires')}</th>
                    <th scope="col"><span class="visually-hidden">${this.t('console.col.actions')}</span></th>
                </tr></thead>
                <tbody>${this.items.map((item) => this.row(item))}</tbody>
            </table></div>
            ${this.cursor ? html`<div class="actions"><button data-testid="console-reviews-more" ?disabled=${this.loading} @click=${() => this.load(true)}>${this.t('console.more')}</button></div>` : ''}`;
    }

    render() {
        return html`<section data-testid="console-reviews" class="console">
            <h1>${this.t('console.reviews.title')}</h1>
            <p class="muted">${this.t('console.reviews.intro')}</p>
            <div class="actions"><button data-testid="console-reviews-refresh" ?disabled=${this.loading} @click=${() => this.load()}>${this.t('console.refresh')}</button></div>
            ${this.decided.map(
                (d) => html`<p class="notice" role="status" data-testid="console-review-decided" data-id=${d.payment_intent}>
                    ${this.t(`console.reviews.decided.${d.decision}`, {id: d.payment_intent, status: d.status})}
                </p>`,
            )}
            ${this.queue()}
        </section>`;
    }
}

customElements.define('pg-console-reviews', ConsoleReviews);
