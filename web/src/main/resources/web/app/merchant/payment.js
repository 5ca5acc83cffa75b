// Payment detail: amounts, state, a timeline (the intent's own times, its refunds, and the merchant events of
// auth-service's events API that name it), the refunds, and a full or partial refund with a confirmation step.
import {html} from 'lit';
import {api, ApiError, newIdempotencyKey} from '../core/api.js';
import {formatDateTime, formatMoney, parseMoney} from '../core/format.js';
import {PgElement} from '../core/ui.js';
import {shortId, statusBadge} from './common.js';

const EVENT_PAGES = 3;
const POLL_MS = 1000;
const POLL_TIMES = 15;

/** The merchant events (newest first) created since `since` that concern payment `id` or one of its refunds. */
async function eventsOf(id, refundIds, since) {
    const found = [];
    let cursor;
    for (let page = 0; page < EVENT_PAGES; page++) {
        const answer = await api('auth', '/v1/events', {query: {limit: 100, createdFrom: since, starting_after: cursor}});
        for (const event of answer.data) {
            const d = event.data || {};
            if (d.objectId === id || d.paymentId === id || refundIds.has(d.objectId) || refundIds.has(d.refundId)) {
                found.push(event);
            }
        }
        if (!answer.has_more) {
            break;
        }
        cursor = answer.next_cursor;
    }
    return found;
}

export class PgMerchantPayment extends PgElement {
    static properties = {
        paymentId: {type: String},
        intent: {state: true},
        refunds: {state: true},
        events: {state: true},
        eventsError: {state: true},
        error: {state: true},
        refundText: {state: true},
        refundInputError: {state: true},
        pending: {state: true},
        busy: {state: true},
        refundError: {state: true},
        lastRefund: {state: true},
    };

    constructor() {
        super();
        this.refunds = [];
        this.events = [];
        this.refundText = '';
    }

    connectedCallback() {
        super.connectedCallback();
        this.load();
    }

    disconnectedCallback() {
        clearTimeout(this.poll);
        super.disconnectedCallback();
    }

    updated(changed) {
        if (changed.has('paymentId') && changed.get('paymentId') !== undefined) {
            this.intent = null;
            this.load();
        }
    }

    async load() {
        this.error = null;
        const path = `/v1/payment_intents/${encodeURIComponent(this.paymentId)}`;
        try {
            const [intent, refunds] = await Promise.all([api('payment', path), api('payment', `${path}/refunds`)]);
            this.intent = intent;
            this.refunds = refunds || [];
        } catch (e) {
            this.error = e;
            return;
        }
        this.loadEvents();
    }

    async loadEvents() {
        try {
            const since = new Date(new Date(this.intent.created).getTime() - 60_000).toISOString();
            this.events = await eventsOf(this.intent.id, new Set(this.refunds.map((r) => r.id)), since);
            this.eventsError = null;
        } catch (e) {
            this.eventsError = e;
        }
    }

    refundable() {
        const p = this.intent;
        return p ? Math.max(0, p.amount_received - p.amount_refunded) : 0;
    }

    /** First step: check the amount (empty = all that is left) and ask for confirmation with a key for this refund. */
    askRefund(e) {
        e.preventDefault();
        this.refundInputError = null;
        this.refundError = null;
        let amount = this.refundable();
        if (this.refundText.trim()) {
            try {
                amount = parseMoney(this.refundText, this.intent.currency);
            } catch (err) {
                this.refundInputError = this.t(`merchant.refund.invalid.${err.message === 'decimals' ? 'decimals' : 'amount'}`);
                return;
            }
        }
        if (amount <= 0 || amount > this.refundable()) {
            this.refundInputError = this.t('merchant.refund.tooMuch', {max: formatMoney(this.refundable(), this.intent.currency)});
            return;
        }
        this.pending = {amount, full: amount === this.refundable(), key: newIdempotencyKey()};
    }

    async confirmRefund() {
        this.busy = true;
        this.refundError = null;
        try {
            const refund = await api('payment', `/v1/payment_intents/${encodeURIComponent(this.intent.id)}/refunds`, {
                method: 'POST',
                body: {amount: this.pending.amount},
                idempotencyKey: this.pending.key,
            });
            this.lastRefund = refund;
            this.pending = null;
            this.refundText = '';
            await this.load();
            this.watch(refund.id, POLL_TIMES);
        } catch (e) {
            this.refundError = e instanceof ApiError ? e : new ApiError(0, {title: e.message});
        } finally {
            this.busy = false;
        }
    }

    /** Follows a pending refund until it has an outcome. */
    watch(refundId, times) {
        clearTimeout(this.poll);
        const current = this.refunds.find((r) => r.id === refundId);
        if (current) {
            this.lastRefund = current;
        }
        if (current && current.status !== 'pending') {
            // the intent may have been read a moment before the refund's outcome: read it once more
            this.load();
            return;
        }
        if (!times) {
            return;
        }
        this.poll = setTimeout(async () => {
            await this.load();
            this.watch(refundId, times - 1);
        }, POLL_MS);
    }

    amounts(p) {
        const row = (key, value, testid) => html`<tr>
            <th scope="row">${this.t(key)}</th>
            <td data-testid=${testid}><pg-money .amount=${value} currency=${p.currency}></pg-money></td>
        </tr>`;
        return html`<table class="merchant-facts">
            <caption class="visually-hidden">${this.t('merchant.payment.amounts')}</caption>
            <tbody>
                ${row('merchant.payment.amount', p.amount, 'payment-amount')}
                ${row('merchant.payment.received', p.amount_received, 'payment-received')}
                ${row('merchant.payment.refunded', p.amount_refunded, 'payment-refunded')}
                ${p.amount_capturable ? row('merchant.payment.capturable', p.amount_capturable, 'payment-capturable') : ''}
                <tr><th scope="row">${this.t('merchant.payments.status')}</th><td data-testid="payment-status">${statusBadge(p.status)}
                    ${p.failure_code ? html` <code>${p.failure_code}</code>` : ''}
                    ${p.cancellation_reason ? html` <code>${p.cancellation_reason}</code>` : ''}</td></tr>
                <tr><th scope="row">${this.t('merchant.payments.method')}</th><td>${this.t(`merchant.method.${p.payment_method_type}`)}
                    · ${this.t(`merchant.capture.${p.capture_method}`)}${p.channel ? html` · ${this.t(`merchant.channel.${p.channel}`)}` : ''}</td></tr>
                ${p.customer ? html`<tr><th scope="row">${this.t('merchant.payments.customer')}</th><td><code>${p.customer}</code></td></tr>` : ''}
                ${p.description ? html`<tr><th scope="row">${this.t('merchant.payment.description')}</th><td>${p.description}</td></tr>` : ''}
            </tbody>
        </table>`;
    }

    timeline(p) {
        const items = [{at: p.created, text: this.t('merchant.timeline.created', {amount: formatMoney(p.amount, p.currency)})}];
        for (const r of this.refunds) {
            items.push({at: r.created, text: this.t('merchant.timeline.refund', {amount: formatMoney(r.amount, r.currency), status: this.t(`merchant.refund.status.${r.status}`)})});
        }
        for (const e of this.events) {
            items.push({at: e.createdAt, text: this.t('merchant.timeline.event'), code: e.type});
        }
        if (p.updated && p.updated !== p.created) {
            items.push({at: p.updated, text: this.t('merchant.timeline.updated', {status: this.t(`merchant.status.${p.status}`)})});
        }
        items.sort((a, b) => new Date(a.at) - new Date(b.at));
        return html`<h2>${this.t('merchant.payment.timeline')}</h2>
            <ol class="merchant-timeline" data-testid="payment-timeline">
                ${items.map((i) => html`<li><time datetime=${i.at}>${formatDateTime(i.at)}</time> ${i.text}
                    ${i.code ? html`<code>${i.code}</code>` : ''}</li>`)}
            </ol>
            ${this.eventsError
                ? html`<p class="muted">${this.t('merchant.timeline.eventsUnavailable')}</p><pg-problem .error=${this.eventsError}></pg-problem>`
                : ''}`;
    }

    refundList() {
        return html`<h2>${this.t('merchant.payment.refunds')}</h2>
            ${this.refunds.length
                ? html`<table class="responsive" data-testid="refunds-table">
                      <caption class="visually-hidden">${this.t('merchant.payment.refunds')}</caption>
                      <thead><tr>
                          <th scope="col">${this.t('merchant.payments.id')}</th>
                          <th scope="col">${this.t('merchant.payments.created')}</th>
                          <th scope="col">${this.t('merchant.payments.amount')}</th>
                          <th scope="col">${this.t('merchant.payments.status')}</th>
                      </tr></thead>
                      <tbody>${this.refunds.map((r) => html`<tr data-testid="refund-row" data-id=${r.id} data-status=${r.status}>
                          <td><code>${shortId(r.id)}</code></td>
                          <td>${formatDateTime(r.created)}</td>
                          <td><pg-money .amount=${r.amount} currency=${r.currency}></pg-money></td>
                          <td>${this.t(`merchant.refund.status.${r.status}`)}${r.failure_reason ? html` <code>${r.failure_reason}</code>` : ''}</td>
                      </tr>`)}</tbody>
                  </table>`
                : html`<pg-empty text=${this.t('merchant.payment.noRefunds')}></pg-empty>`}`;
    }

    refundForm(p) {
        const left = this.refundable();
        if (!left) {
            return '';
        }
        if (this.pending) {
            return html`<div class="card merchant-confirm" data-testid="refund-confirm" role="group" aria-labelledby="refund-confirm-text">
                <p id="refund-confirm-text">${this.t(this.pending.full ? 'merchant.refund.confirmFull' : 'merchant.refund.confirmPartial', {
                    amount: formatMoney(this.pending.amount, p.currency),
                    id: p.id,
                })}</p>
                <div class="actions">
                    <button class="danger" data-testid="refund-confirm-button" ?disabled=${this.busy} @click=${() => this.confirmRefund()}>
                        ${this.t('merchant.refund.confirm', {amount: formatMoney(this.pending.amount, p.currency)})}</button>
                    <button data-testid="refund-cancel" ?disabled=${this.busy} @click=${() => (this.pending = null)}>${this.t('core.cancel')}</button>
                </div>
                <pg-problem .error=${this.refundError}></pg-problem>
            </div>`;
        }
        return html`<form class="card" data-testid="refund-form" @submit=${(e) => this.askRefund(e)} novalidate>
            <h2>${this.t('merchant.refund.title')}</h2>
            <p>${this.t('merchant.refund.left', {amount: formatMoney(left, p.currency)})}</p>
            <label for="refund-amount">${this.t('merchant.refund.amount', {currency: p.currency})}</label>
            <input id="refund-amount" inputmode="decimal" autocomplete="off" data-testid="refund-amount" .value=${this.refundText}
                aria-describedby="refund-hint ${this.refundInputError ? 'refund-error' : ''}" aria-invalid=${this.refundInputError ? 'true' : 'false'}
                @input=${(e) => (this.refundText = e.target.value)} />
            <p id="refund-hint" class="muted">${this.t('merchant.refund.hint')}</p>
            ${this.refundInputError ? html`<p id="refund-error" class="merchant-error" role="alert">${this.refundInputError}</p>` : ''}
            <div class="actions"><button class="danger" type="submit" data-testid="refund-start">${this.t('merchant.refund.start')}</button></div>
            <pg-problem .error=${this.refundError}></pg-problem>
        </form>`;
    }

    render() {
        const p = this.intent;
        return html`<section data-testid="merchant-payment" class="merchant">
            <p><a href="#/merchant/payments">← ${this.t('merchant.payment.back')}</a></p>
            <h1>${this.t('merchant.payment.title')} <code class="merchant-id">${this.paymentId}</code></h1>
            <pg-problem .error=${this.error}></pg-problem>
            ${!p && !this.error ? html`<pg-loading></pg-loading>` : ''}
            ${p
                ? html`${this.amounts(p)}
                      ${this.lastRefund
                          ? html`<p class="notice" role="status" data-testid="refund-state" data-status=${this.lastRefund.status}>
                                ${this.t('merchant.refund.state', {
                                    amount: formatMoney(this.lastRefund.amount, this.lastRefund.currency),
                                    status: this.t(`merchant.refund.status.${this.lastRefund.status}`),
                                })}</p>`
                          : ''}
                      ${this.refundForm(p)} ${this.refundList()} ${this.timeline(p)}
                      <div class="actions"><button data-testid="payment-refresh" @click=${() => this.load()}>${this.t('merchant.refresh')}</button></div>`
                : ''}
        </section>`;
    }
}
customElements.define('pg-merchant-payment', PgMerchantPayment);
