// #/wallet/transfer — money to another customer's wallet (POST /v1/wallets/{id}/transfers, toWalletId): the recipient
// gives their wallet id (shown on their home screen). Amount with parseMoney; one Idempotency-Key per filled-in form.
import {html} from 'lit';
import {api, newIdempotencyKey} from '../core/api.js';
import {formatMoney, parseMoney} from '../core/format.js';
import {PgElement} from '../core/ui.js';
import {wallets} from './data.js';

export class WalletTransfer extends PgElement {
    static properties = {
        wallets: {state: true},
        busy: {state: true},
        error: {state: true},
        review: {state: true},
        result: {state: true},
    };

    connectedCallback() {
        super.connectedCallback();
        wallets().then(
            (list) => (this.wallets = list),
            (e) => (this.error = e),
        );
    }

    check(event) {
        event.preventDefault();
        const form = event.target;
        const from = this.wallets.find((w) => w.id === form.from.value) || this.wallets[0];
        const to = form.to.value.trim();
        this.error = null;
        this.result = null;
        if (!/^w-[0-9a-f-]{36}$/.test(to)) {
            this.error = {title: this.t('wallet.transfer.to.invalid'), code: 'invalid_wallet'};
            return;
        }
        let amount;
        try {
            amount = parseMoney(form.amount.value, from.balance.currency);
        } catch (e) {
            amount = 0;
        }
        if (amount <= 0) {
            this.error = {title: this.t('wallet.topup.amount.invalid'), code: 'invalid_amount'};
            return;
        }
        this.review = {from, to, amount, key: newIdempotencyKey()};
    }

    async send() {
        const r = this.review;
        this.busy = true;
        this.error = null;
        try {
            this.result = await api('wallet', `/v1/wallets/${encodeURIComponent(r.from.id)}/transfers`, {
                method: 'POST',
                body: {amount: {minor: r.amount, currency: r.from.balance.currency}, toWalletId: r.to},
                idempotencyKey: r.key,
            });
            this.review = null;
        } catch (e) {
            this.error = e;
        } finally {
            this.busy = false;
        }
    }

    form() {
        return html`<form @submit=${(e) => this.check(e)} autocomplete="off" novalidate ?hidden=${Boolean(this.review)}>
            <label for="transfer-from">${this.t('wallet.transfer.from')}</label>
            <select id="transfer-from" name="from">${this.wallets.map(
                (w) => html`<option value=${w.id}>${w.balance.currency} · ${formatMoney(w.available.minor, w.available.currency)}</option>`,
            )}</select>
            <label for="transfer-to">${this.t('wallet.transfer.to')}</label>
            <input id="transfer-to" name="to" data-testid="transfer-to" placeholder="w-…" spellcheck="false" />
            <label for="transfer-amount">${this.t('wallet.payment.amount')}</label>
            <input id="transfer-amount" name="amount" inputmode="decimal" data-testid="transfer-amount" />
            <div class="actions"><button class="primary" type="submit" data-testid="transfer-next">${this.t('wallet.transfer.next')}</button></div>
        </form>`;
    }

    render() {
        const r = this.review;
        return html`<section data-testid="wallet-transfer" class="wallet">
            <h1>${this.t('wallet.transfer.title')}</h1>
            <p class="muted">${this.t('wallet.transfer.intro')}</p>
            ${this.wallets === undefined && !this.error ? html`<pg-loading></pg-loading>` : ''}
            ${this.wallets?.length ? this.form() : ''}
            ${this.wallets && !this.wallets.length ? html`<p>${this.t('wallet.home.none')}</p>` : ''}
            ${r
                ? html`<div class="card" data-testid="transfer-review">
                      <p>${this.t('wallet.transfer.review', {amount: formatMoney(r.amount, r.from.balance.currency), to: r.to})}</p>
                      <div class="actions">
                          <button class="primary" data-testid="transfer-send" ?disabled=${this.busy} @click=${() => this.send()}>${this.t('wallet.transfer.send')}</button>
                          <button @click=${() => (this.review = null)}>${this.t('core.cancel')}</button>
                      </div>
                  </div>`
                : ''}
            <pg-problem .error=${this.error}></pg-problem>
            ${this.result
                ? html`<div class="notice" role="status" data-testid="transfer-result">
                      <p>${this.t('wallet.transfer.done', {amount: formatMoney(this.result.amount.minor, this.result.amount.currency)})}</p>
                      <p>${this.t('wallet.topup.newbalance')}: <strong>${formatMoney(this.result.balance.minor, this.result.balance.currency)}</strong></p>
                  </div>`
                : ''}
        </section>`;
    }
}

customElements.define('pg-wallet-transfer', WalletTransfer);
