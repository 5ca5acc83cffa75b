// The merchant dashboard (role merchant): routes under #/merchant and the area's messages.
import {html} from 'lit';
import {registerRoute} from '../core/router.js';
import './messages.js';
import './merchant.css';
import './common.js';
import './payments.js';
import './payment.js';
import './qr.js';
import './api-keys.js';
import './webhooks.js';
import './events.js';

const roles = ['merchant'];
const area = 'merchant';

registerRoute({path: '/merchant', area, roles, nav: 'merchant.nav.payments', render: () => html`<pg-merchant-payments></pg-merchant-payments>`});
registerRoute({path: '/merchant/payments', area, roles, render: () => html`<pg-merchant-payments></pg-merchant-payments>`});
registerRoute({
    path: '/merchant/payments/:id',
    area,
    roles,
    render: (params) => html`<pg-merchant-payment .paymentId=${params.id}></pg-merchant-payment>`,
});
registerRoute({path: '/merchant/qr', area, roles, nav: 'merchant.nav.qr', render: () => html`<pg-merchant-qr></pg-merchant-qr>`});
registerRoute({path: '/merchant/api-keys', area, roles, nav: 'merchant.nav.apiKeys', render: () => html`<pg-merchant-api-keys></pg-merchant-api-keys>`});
registerRoute({path: '/merchant/webhooks', area, roles, nav: 'merchant.nav.webhooks', render: () => html`<pg-merchant-webhooks></pg-merchant-webhooks>`});
registerRoute({
    path: '/merchant/webhooks/:id',
    area,
    roles,
    render: (params) => html`<pg-merchant-webhook .endpointId=${params.id}></pg-merchant-webhook>`,
});
registerRoute({path: '/merchant/events', area, roles, nav: 'merchant.nav.events', render: () => html`<pg-merchant-events></pg-merchant-events>`});
