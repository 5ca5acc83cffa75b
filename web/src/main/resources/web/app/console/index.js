// The compliance and operations console: routes (each with the roles its API lets through) and messages.
import {html} from 'lit';
import {registerRoute} from '../core/router.js';
import './console.css';
import './messages.js';
import './chain.js';
import './audit.js';
import './reports.js';
import './access-log.js';
import './reviews.js';
import './privacy.js';
import './kyc.js';
import './retention.js';
import {AUDIT_ROLES, canAudit, KYC_ROLES, PRIVACY_ROLES, RETENTION_ROLES, REVIEW_ROLES} from './common.js';

// The console's home: the chain for auditors and compliance officers; operators (whom the audit API answers 404)
// start at the review queue.
registerRoute({
    path: '/console',
    area: 'console',
    roles: ['auditor', 'compliance-officer', 'operator'],
    render: () => (canAudit() ? html`<pg-console-chain></pg-console-chain>` : html`<pg-console-reviews></pg-console-reviews>`),
});
registerRoute({
    path: '/console/chain',
    area: 'console',
    nav: 'console.nav.chain',
    roles: AUDIT_ROLES,
    render: () => html`<pg-console-chain></pg-console-chain>`,
});
registerRoute({
    path: '/console/audit',
    area: 'console',
    nav: 'console.nav.audit',
    roles: AUDIT_ROLES,
    render: () => html`<pg-console-audit></pg-console-audit>`,
});
registerRoute({
    path: '/console/reports',
    area: 'console',
    nav: 'console.nav.reports',
    roles: AUDIT_ROLES,
    render: () => html`<pg-console-reports></pg-console-reports>`,
});
registerRoute({
    path: '/console/access-log',
    area: 'console',
    nav: 'console.nav.access',
    roles: AUDIT_ROLES,
    render: () => html`<pg-console-access-log></pg-console-access-log>`,
});
registerRoute({
    path: '/console/reviews',
    area: 'console',
    nav: 'console.nav.reviews',
    roles: REVIEW_ROLES,
    render: () => html`<pg-console-reviews></pg-console-reviews>`,
});
registerRoute({
    path: '/console/privacy',
    area: 'console',
    nav: 'console.nav.privacy',
    roles: PRIVACY_ROLES,
    render: () => html`<pg-console-privacy></pg-console-privacy>`,
});
registerRoute({
    path: '/console/kyc',
    area: 'console',
    nav: 'console.nav.kyc',
    roles: KYC_ROLES,
    render: () => html`<pg-console-kyc></pg-console-kyc>`,
});
registerRoute({
    path: '/console/retention',
    area: 'console',
    nav: 'console.nav.retention',
    roles: RETENTION_ROLES,
    render: () => html`<pg-console-retention></pg-console-retention>`,
});
