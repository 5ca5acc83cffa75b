// Dynamic QR for an amount: payment-service POST /v1/qr_codes (type dynamic) creates the payment intent and the code;
// its PNG comes from GET /v1/qr_codes/{id}/image?format=png as a blob (CSP: img-src blob:), with a download link.
import {html} from 'lit';
import {api, newIdempotencyKey} from '../core/api.js';
import {formatDateTime, formatMoney, parseMoney} from '../core/format.js';
import {PgElement} from '../core/ui.js';
import {statusBadge} from './common.js';

const CURRENCIES = ['CNY', 'HKD', 'USD', 'EUR', 'JPY'];
const EXPIRIES = [60, 300, 900, 1800];

export class PgMerchantQr extends PgElement {
    static properties = {
        amountText: {state: true},
        currency: {state: true},
        description: {state: true},
        expiresIn: {state: true},
        inputError: {state: true},
        busy: {state: true},
        error: {state: true},
        qr: {state: true},
        imageUrl: {state: true},
        intentStatus: {state: true},
    };

    constructor() {
        super();
        this.amountText = '';
        this.currency = 'CNY';
        this.description = '';
        this.expiresIn = 300;
    }

    disconnectedCallback() {
        this.dropImage();
        super.disconnectedCallback();
    }

    dropImage() {
        if (this.imageUrl) {
            URL.revokeObjectURL(this.imageUrl);
            this.imageUrl = null;
        }
    }

    async create(e) {
        e.preventDefault();
        this.inputError = null;
        this.error = null;
        let amount;
        try {
            amount = parseMoney(this.amountText, this.currency);
        } catch (err) {
            this.inputError = this.t(`merchant.refund.invalid.${err.message === 'decimals' ? 'decimals' : 'amount'}`);
            return;
        }
        if (amount <= 0) {
            this.inputError = this.t('merchant.refund.invalid.amount');
            return;
        }
        this.busy = true;
        this.dropImage();
        this.qr = null;
        this.intentStatus = null;
        try {
            const body = {type: 'dynamic', amount, currency: this.currency, expires_in: Number(this.expiresIn)};
            if (this.description.trim()) {
                body.description = this.description.trim();
            }
            this.qr = await api('payment', '/v1/qr_codes', {method: 'POST', body, idempotencyKey: newIdempotencyKey()});
            const image = await api('payment', `/v1/qr_codes/${encodeURIComponent(this.qr.id)}/image`, {
                query: {format: 'png'},
                raw: true,
            });
            this.imageUrl = URL.createObjectURL(await image.blob());
        } catch (err) {
            this.error = err;
        } finally {
            this.busy = false;
        }
    }

    async refresh() {
        this.error = null;
        try {
            this.qr = await api('payment', `/v1/qr_codes/${encodeURIComponent(this.qr.id)}`);
            const intent = await api('payment', `/v1/payment_intents/${encodeURIComponent(this.qr.payment_intent)}`);
            this.intentStatus = intent.status;
        } catch (err) {
            this.error = err;
        }
    }

    form() {
        return html`<form class="card" data-testid="qr-form" @submit=${(e) => this.create(e)} novalidate>
            <label for="qr-amount">${this.t('merchant.qr.amount')}</label>
            <input id="qr-amount" inputmode="decimal" autocomplete="off" required data-testid="qr-amount" .value=${this.amountText}
                aria-invalid=${this.inputError ? 'true' : 'false'} aria-describedby=${this.inputError ? 'qr-error' : ''}
                @input=${(e) => (this.amountText = e.target.value)} />
            ${this.inputError ? html`<p id="qr-error" class="merchant-error" role="alert">${this.inputError}</p>` : ''}
            <label for="qr-currency">${this.t('merchant.qr.currency')}</label>
            <select id="qr-currency" data-testid="qr-currency" @change=${(e) => (this.currency = e.target.value)}>
                ${CURRENCIES.map((c) => html`<option value=${c} ?selected=${c === this.currency}>${c}</option>`)}
            </select>
            <label for="qr-description">${this.t('merchant.qr.description')}</label>
            <input id="qr-description" maxlength="500" data-testid="qr-description" .value=${this.description}
                @input=${(e) => (this.description = e.target.value)} />
            <label for="qr-expires">${this.t('merchant.qr.expires')}</label>
            <select id="qr-expires" data-testid="qr-expires" @change=${(e) => (this.expiresIn = e.target.value)}>
                ${EXPIRIES.map((s) => html`<option value=${s} ?selected=${s === Number(this.expiresIn)}>${this.t('merchant.qr.minutes', {n: s / 60})}</option>`)}
            </select>
            <div class="actions">
                <button class="primary" type="submit" data-testid="qr-create" ?disabled=${this.busy}>${this.t('merchant.qr.create')}</button>
            </div>
        </form>`;
    }

    result() {
        const qr = this.qr;
        if (!qr) {
            return '';
        }
        const alt = this.t('merchant.qr.alt', {amount: formatMoney(qr.amount, qr.currency)});
        return html`<div class="card merchant-qr-result" data-testid="qr-result" data-id=${qr.id} data-intent=${qr.payment_intent}>
            <h2>${this.t('merchant.qr.show', {amount: formatMoney(qr.amount, qr.currency)})}</h2>
            ${this.imageUrl
                ? html`<img class="merchant-qr-image" src=${this.imageUrl} alt=${alt} width="256" height="256" data-testid="qr-image" />
                      <p><a class="button" href=${this.imageUrl} download="${qr.id}.png" data-testid="qr-download">${this.t('merchant.qr.download')}</a></p>`
                : html`<pg-loading></pg-loading>`}
            <dl class="merchant-dl">
                <dt>${this.t('merchant.qr.status')}</dt><dd data-testid="qr-status" data-status=${qr.status}>${this.t(`merchant.qr.status.${qr.status}`)}</dd>
                <dt>${this.t('merchant.qr.expiresAt')}</dt><dd>${formatDateTime(qr.expires_at)}</dd>
                <dt>${this.t('merchant.qr.payment')}</dt>
                <dd><a href="#/merchant/payments/${qr.payment_intent}" data-testid="qr-payment-link"><code>${qr.payment_intent}</code></a>
                    ${this.intentStatus ? statusBadge(this.intentStatus) : ''}</dd>
            </dl>
            <details class="merchant-payload">
                <summary>${this.t('merchant.qr.payload')}</summary>
                <p class="muted">${this.t('merchant.qr.payloadHint')}</p>
                <code data-testid="qr-payload">${qr.payload}</code>
            </details>
            <div class="actions"><button data-testid="qr-refresh" @click=${() => this.refresh()}>${this.t('merchant.refresh')}</button></div>
        </div>`;
    }

    render() {
        return html`<section data-testid="merchant-qr" class="merchant">
            <h1>${this.t('merchant.qr.title')}</h1>
            <pg-merchant-context></pg-merchant-context>
            <p class="muted">${this.t('merchant.qr.intro')}</p>
            ${this.form()}
            <pg-problem .error=${this.error}></pg-problem>
            ${this.result()}
        </section>`;
    }
}
customElements.define('pg-merchant-qr', PgMerchantQr);
