// Payments list: filters the API has (status, customer, creation date range) and keyset pagination ("load more").
// payment-service GET /v1/payment_intents.
import {html} from 'lit';
import {api} from '../core/api.js';
import {formatDateTime} from '../core/format.js';
import {PgElement} from '../core/ui.js';
import {PAYMENT_STATUSES, dayStart, shortId, statusBadge} from './common.js';

const PAGE = 20;

export class PgMerchantPayments extends PgElement {
    static properties = {
        rows: {state: true},
        cursor: {state: true},
        hasMore: {state: true},
        loading: {state: true},
        error: {state: true},
        filters: {state: true},
    };

    constructor() {
        super();
        this.rows = [];
        this.filters = {status: '', customer: '', from: '', to: ''};
    }

    connectedCallback() {
        super.connectedCallback();
        this.load(true);
    }

    query(cursor) {
        const f = this.filters;
        return {
            limit: PAGE,
            cursor,
            status: f.status,
            customer: f.customer.trim(),
            created_gte: dayStart(f.from),
            created_lt: dayStart(f.to, 1),
        };
    }

    async load(fresh) {
        this.loading = true;
        this.error = null;
        try {
            const page = await api('payment', '/v1/payment_intents', {query: this.query(fresh ? undefined : this.cursor)});
            this.rows = fresh ? page.data : [...this.rows, ...page.data];
            this.cursor = page.next_cursor;
            this.hasMore = page.has_more;
        } catch (e) {
            this.error = e;
        } finally {
            this.loading = false;
        }
    }

    apply(e) {
        e.preventDefault();
        const form = new FormData(e.target);
        this.filters = {
            status: form.get('status') || '',
            customer: form.get('customer') || '',
            from: form.get('from') || '',
            to: form.get('to') || '',
        };
        this.load(true);
    }

    reset() {
        this.querySelector('form.merchant-filters')?.reset();
        this.filters = {status: '', customer: '', from: '', to: ''};
        this.load(true);
    }

    filterForm() {
        const f = this.filters;
        return html`<form class="merchant-filters" data-testid="merchant-filters" @submit=${(e) => this.apply(e)}>
            <div>
                <label for="mp-status">${this.t('merchant.payments.status')}</label>
                <select id="mp-status" name="status" data-testid="filter-status">
                    <option value="">${this.t('merchant.payments.any')}</option>
                    ${PAYMENT_STATUSES.map(
                        (s) => html`<option value=${s} ?selected=${s === f.status}>${this.t(`merchant.status.${s}`)}</option>`,
                    )}
                </select>
            </div>
            <div>
                <label for="mp-customer">${this.t('merchant.payments.customer')}</label>
                <input id="mp-customer" name="customer" .value=${f.customer} maxlength="128"
                    data-testid="filter-customer" autocomplete="off" />
            </div>
            <div>
                <label for="mp-from">${this.t('merchant.payments.from')}</label>
                <input id="mp-from" name="from" type="date" .value=${f.from} data-testid="filter-from" />
            </div>
            <div>
                <label for="mp-to">${this.t('merchant.payments.to')}</label>
                <input id="mp-to" name="to" type="date" .value=${f.to} data-testid="filter-to" />
            </div>
            <div class="actions">
                <button class="primary" type="submit" data-testid="filter-apply">${this.t('merchant.payments.apply')}</button>
                <button type="button" @click=${() => this.reset()}>${this.t('merchant.payments.reset')}</button>
            </div>
        </form>`;
    }

    table() {
        if (!this.rows.length) {
            return this.loading ? html`` : html`<pg-empty text=${this.t('merchant.payments.none')}></pg-empty>`;
        }
        return html`<table class="responsive" data-testid="payments-table">
            <caption class="visually-hidden">${this.t('merchant.payments.title')}</caption>
            <thead>
                <tr>
                    <th scope="col">${this.t('merchant.payments.id')}</th>
                    <th scope="col">${this.t('merchant.payments.created')}</th>
                    <th scope="col">${this.t('merchant.payments.amount')}</th>
                    <th scope="col">${this.t('merchant.payments.status')}</th>
                    <th scope="col">${this.t('merchant.payments.method')}</th>
                    <th scope="col">${this.t('merchant.payments.refunded')}</th>
                </tr>
            </thead>
            <tbody>
                ${this.rows.map(
                    (p) => html`<tr data-testid="payment-row" data-id=${p.id}>
                        <td><a href="#/merchant/payments/${p.id}" data-testid="payment-link"><code>${shortId(p.id)}</code></a>
                            ${p.description ? html`<div class="muted">${p.description}</div>` : ''}</td>
                        <td>${formatDateTime(p.created)}</td>
                        <td><pg-money .amount=${p.amount} currency=${p.currency}></pg-money></td>
                        <td>${statusBadge(p.status)}</td>
                        <td>${this.t(`merchant.method.${p.payment_method_type}`)}${p.channel
                            ? html` · ${this.t(`merchant.channel.${p.channel}`)}`
                            : ''}</td>
                        <td>${p.amount_refunded ? html`<pg-money .amount=${p.amount_refunded} currency=${p.currency}></pg-money>` : '—'}</td>
                    </tr>`,
                )}
            </tbody>
        </table>`;
    }

    render() {
        return html`<section data-testid="merchant-payments" class="merchant">
            <h1>${this.t('merchant.payments.title')}</h1>
            <pg-merchant-context></pg-merchant-context>
            ${this.filterForm()}
            <p class="muted">${this.t('merchant.payments.filters.note')}</p>
            <pg-problem .error=${this.error}></pg-problem>
            ${this.table()}
            ${this.loading ? html`<pg-loading></pg-loading>` : ''}
            <div class="actions">
                ${this.hasMore && !this.loading
                    ? html`<button data-testid="payments-more" @click=${() => this.load(false)}>${this.t('core.more')}</button>`
                    : ''}
                <button type="button" data-testid="payments-refresh" @click=${() => this.load(true)}>${this.t('merchant.refresh')}</button>
            </div>
        </section>`;
    }
}
customElements.define('pg-merchant-payments', PgMerchantPayments);
