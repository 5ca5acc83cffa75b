// The merchant's events (auth-service GET /v1/events): newest first, filtered by type and creation time, keyset
// pages; each event's body (exactly what its webhooks deliver) can be opened.
import {html} from 'lit';
import {api} from '../core/api.js';
import {formatDateTime} from '../core/format.js';
import {PgElement} from '../core/ui.js';
import {dayStart} from './common.js';
import {EVENT_TYPES} from './webhooks.js';

export class PgMerchantEvents extends PgElement {
    static properties = {
        events: {state: true},
        cursor: {state: true},
        hasMore: {state: true},
        loading: {state: true},
        error: {state: true},
        filters: {state: true},
        open: {state: true},
    };

    constructor() {
        super();
        this.events = [];
        this.filters = {type: '', from: '', to: ''};
        this.open = new Set();
    }

    connectedCallback() {
        super.connectedCallback();
        this.load(true);
    }

    async load(fresh) {
        this.loading = true;
        this.error = null;
        const f = this.filters;
        try {
            const page = await api('auth', '/v1/events', {
                query: {
                    limit: 20,
                    starting_after: fresh ? undefined : this.cursor,
                    type: f.type,
                    createdFrom: dayStart(f.from),
                    createdTo: dayStart(f.to, 1),
                },
            });
            this.events = fresh ? page.data : [...this.events, ...page.data];
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
        this.filters = {type: form.get('type') || '', from: form.get('from') || '', to: form.get('to') || ''};
        this.load(true);
    }

    toggle(id) {
        const next = new Set(this.open);
        next.has(id) ? next.delete(id) : next.add(id);
        this.open = next;
    }

    objectLink(e) {
        const d = e.data || {};
        const paymentId = d.object === 'payment_intent' ? d.objectId : d.paymentId;
        if (paymentId) {
            return html`<a href="#/merchant/payments/${paymentId}"><code>${d.objectId}</code></a>`;
        }
        return d.objectId ? html`<code>${d.objectId}</code>` : '—';
    }

    render() {
        const f = this.filters;
        return html`<section data-testid="merchant-events" class="merchant">
            <h1>${this.t('merchant.events.title')}</h1>
            <pg-merchant-context></pg-merchant-context>
            <form class="merchant-filters" @submit=${(e) => this.apply(e)}>
                <div>
                    <label for="ev-type">${this.t('merchant.events.type')}</label>
                    <select id="ev-type" name="type" data-testid="events-type">
                        <option value="">${this.t('merchant.payments.any')}</option>
                        ${EVENT_TYPES.map((type) => html`<option value=${type} ?selected=${type === f.type}>${type}</option>`)}
                    </select>
                </div>
                <div>
                    <label for="ev-from">${this.t('merchant.payments.from')}</label>
                    <input id="ev-from" name="from" type="date" .value=${f.from} />
                </div>
                <div>
                    <label for="ev-to">${this.t('merchant.payments.to')}</label>
                    <input id="ev-to" name="to" type="date" .value=${f.to} />
                </div>
                <div class="actions"><button class="primary" type="submit">${this.t('merchant.payments.apply')}</button></div>
            </form>
            <pg-problem .error=${this.error}></pg-problem>
            ${this.events.length
                ? html`<table data-testid="events-table">
                      <caption class="visually-hidden">${this.t('merchant.events.title')}</caption>
                      <thead><tr>
                          <th scope="col">${this.t('merchant.events.type')}</th>
                          <th scope="col">${this.t('merchant.events.object')}</th>
                          <th scope="col">${this.t('merchant.keys.mode')}</th>
                          <th scope="col">${this.t('merchant.payments.created')}</th>
                          <th scope="col">${this.t('merchant.actions')}</th>
                      </tr></thead>
                      <tbody>${this.events.map((e) => html`<tr data-testid="event-row" data-id=${e.id} data-type=${e.type}>
                              <td><code>${e.type}</code></td>
                              <td>${this.objectLink(e)}</td>
                              <td>${e.mode ? this.t(`merchant.mode.${e.mode}`) : this.t('merchant.mode.both')}</td>
                              <td>${formatDateTime(e.createdAt)}</td>
                              <td><button aria-expanded=${this.open.has(e.id) ? 'true' : 'false'} @click=${() => this.toggle(e.id)}>${this.t('merchant.events.body')}</button></td>
                          </tr>
                          ${this.open.has(e.id)
                              ? html`<tr class="merchant-log"><td colspan="5"><pre class="merchant-json" tabindex="0">${JSON.stringify(e, null, 2)}</pre></td></tr>`
                              : ''}`)}</tbody>
                  </table>`
                : this.loading
                  ? ''
                  : html`<pg-empty text=${this.t('merchant.events.none')}></pg-empty>`}
            ${this.loading ? html`<pg-loading></pg-loading>` : ''}
            <div class="actions">
                ${this.hasMore && !this.loading ? html`<button @click=${() => this.load(false)}>${this.t('core.more')}</button>` : ''}
                <button data-testid="events-refresh" @click=${() => this.load(true)}>${this.t('merchant.refresh')}</button>
            </div>
        </section>`;
    }
}
customElements.define('pg-merchant-events', PgMerchantEvents);
