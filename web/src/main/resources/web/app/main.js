import {LitElement, html} from 'lit';
class Hello extends LitElement { render() { return html`<p>Hello ${'PayGuard'}</p>`; } }
customElements.define('pg-hello', Hello);
