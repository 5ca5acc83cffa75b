// The customer wallet (mobile-first PWA): routes under #/wallet, for the role customer.
import {html} from 'lit';
import {registerRoute} from '../core/router.js';
import './messages.js';
import './wallet.css';
import './home.js';
import './topup.js';
import './scan.js';
import './sca.js';
import './payment.js';
import './transfer.js';
import './code.js';
import './authenticators.js';
import './privacy.js';

const roles = ['customer'];
const route = (path, nav, render) => registerRoute({path, area: 'wallet', nav, roles, render});

route('/wallet', 'wallet.nav.home', () => html`<pg-wallet-home></pg-wallet-home>`);
route('/wallet/topup', 'wallet.nav.topup', () => html`<pg-wallet-topup></pg-wallet-topup>`);
route('/wallet/scan', 'wallet.nav.scan', () => html`<pg-wallet-scan></pg-wallet-scan>`);
route('/wallet/transfer', 'wallet.nav.transfer', () => html`<pg-wallet-transfer></pg-wallet-transfer>`);
route('/wallet/code', 'wallet.nav.code', () => html`<pg-wallet-code></pg-wallet-code>`);
route('/wallet/authenticators', 'wallet.nav.authenticators', () => html`<pg-wallet-authenticators></pg-wallet-authenticators>`);
route('/wallet/consents', 'wallet.nav.consents', () => html`<pg-wallet-consents></pg-wallet-consents>`);
route('/wallet/privacy', 'wallet.nav.privacy', () => html`<pg-wallet-privacy></pg-wallet-privacy>`);
route('/wallet/payments/:id', undefined, (p) => html`<pg-wallet-payment .payment=${p.id}></pg-wallet-payment>`);
