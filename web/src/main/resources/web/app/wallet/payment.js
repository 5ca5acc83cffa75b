// #/wallet/payments/:id — one payment of the customer: what the API answered this tab (pay, authenticate), its current
// state (the challenge endpoint answers the options while it waits for SCA, else 409 naming the status: a customer has
// no GET of a payment intent), the SCA challenge while it is open, and the wallet entries that name it.
import {html} from 'lit';
import {api} from '../core/api.js';
import {formatDateTime, formatMoney} from '../core/format.js';
import {PgElement} from '../core/ui.js';
import {FINAL, knownPayment, paymentState, rememberPayment, wallets} from './data.js';

const POLL_MS = 30_000;

export class WalletPayment extends PgElement {
    static properties = {
        payment: {type: String},
        intent: {state: true},
        options: {state: true},
        entries: {state: true},
        error: {state: true},
        checking: {state: true},
    };

    connectedCallback() {
        super.connectedCallback();
        this.intent = knownPayment(this.payment);
        this.refresh();
    }

    disconnectedCallback() {
        this.gone = true;
        super.disconnectedCallback();
    }

    async refresh() {
        this.error = null;
        this.checking = true;
        try {
            await this.follow();
            await this.loadEntries();
        } catch (e) {
            this.error = e;
        } finally {
            this.checking = false;
        }
    }

    /** Reads the state until it is final or waits for the customer (requires_action), for at most POLL_MS. */
    async follow() {
        if (FINAL.has(this.intent?.status)) {
            return;
        }
        const until = Date.now() + POLL_MS;
        let delay = 400;
        while (!this.gone) {
            const state = await paymentState(this.payment);
            this.options = state.options || null;
            this.intent = rememberPayment({...(this.intent || {id: this.payment}), status: state.status});
            if (state.status === 'requires_action' || FINAL.has(state.status) || Date.now() > until) {
                return;
            }
            await new Promise((resolve) => setTimeout(resolve, delay));
            delay = Math.min(delay * 2, 3000);
        }
    }

    /** The wallet entries naming this payment (the newest statement pages). */
    async loadEntries() {
        const found = [];
        for (const wallet of await wallets()) {
            let cursor;
            for (let page = 0; page < 3; page++) {
                const answer = await api('wallet', `/v1/wallets/${encodeURIComponent(wallet.id)}/statement`, {
                    query: {limit: 50, cursor},
                });
                found.push(...(answer.items || []).filter((i) => i.reference === this.payment));
                cursor = answer.nextCursor;
                if (!cursor) {
                    break;
                }
            }
        }
        this.entries = found;
    }

    async scaDone(event) {
        this.intent = rememberPayment({...this.intent, ...event.detail});
        this.options = null;
        await this.refresh();
    }

    summary() {
        const i = this.intent || {};
        const amount = i.amount ?? this.options?.amount;
        const currency = i.currency ?? this.options?.currency;
        const payee = i.merchant ?? this.options?.payee ?? i.payee;
        return html`<dl class="wallet-facts">
            <dt>${this.t('wallet.payment.status')}</dt>
            <dd><strong data-testid="payment-status" data-status=${i.status || ''}>${i.status ? this.t(`wallet.status.${i.status}`) : '…'}</strong></dd>
            ${amount !== undefined ? html`<dt>${this.t('wallet.payment.amount')}</dt><dd data-testid="payment-amount" data-minor=${amount}>${formatMoney(amount, currency)}</dd>` : ''}
            ${payee ? html`<dt>${this.t('wallet.payment.payee')}</dt><dd>${payee}</dd>` : ''}
            ${i.failure_code ? html`<dt>${this.t('wallet.failure')}</dt><dd><code>${i.failure_code}</code></dd>` : ''}
            ${i.created ? html`<dt>${this.t('wallet.payment.created')}</dt><dd>${formatDateTime(i.created)}</dd>` : ''}
            <dt>${this.t('wallet.payment.id')}</dt><dd><code>${this.payment}</code></dd>
        </dl>`;
    }

    render() {
        return html`<section data-testid="wallet-payment" class="wallet">
            <h1>${this.t('wallet.payment.title')}</h1>
            <div class="card">${this.summary()}</div>
            ${this.intent?.status === 'requires_action'
                ? html`<pg-wallet-sca .payment=${this.payment} .options=${this.options} @pg-sca-done=${(e) => this.scaDone(e)}></pg-wallet-sca>`
                : ''}
            ${this.checking ? html`<pg-loading></pg-loading>` : ''}
            <pg-problem .error=${this.error}></pg-problem>
            ${this.entries?.length
                ? html`<h2>${this.t('wallet.payment.entries')}</h2>
                      <ul class="wallet-lines">${this.entries.map(
                          (e) => html`<li class="wallet-line"><span class="wallet-line-what">${this.t(`wallet.entry.${e.type}`)}
                                  <span class="muted">${formatDateTime(e.postedAt)}</span></span>
                              <pg-money .amount=${e.direction === 'debit' ? -e.amount.minor : e.amount.minor} currency=${e.amount.currency}></pg-money></li>`,
                      )}</ul>`
                : ''}
            <div class="actions"><a class="button" href="#/wallet">${this.t('wallet.payment.back')}</a>
                ${FINAL.has(this.intent?.status) || !this.intent?.status ? '' : html`<button @click=${() => this.refresh()}>${this.t('wallet.payment.check')}</button>`}</div>
        </section>`;
    }
}

customElements.define('pg-wallet-payment', WalletPayment);
