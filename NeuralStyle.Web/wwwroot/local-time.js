// <local-time datetime="2026-12-06T02:13:00Z">: that moment in the browser's own language and time zone, since the
// server knows neither. The text goes into a shadow root, so Blazor's rendering of the element (with a UTC fallback
// for browsers without scripts) is never disturbed.
customElements.define('local-time', class extends HTMLElement {
  static observedAttributes = ['datetime'];

  connectedCallback() { this.render(); }

  attributeChangedCallback() { this.render(); }

  render() {
    const moment = new Date(this.getAttribute('datetime'));
    if (Number.isNaN(moment.getTime())) {
      return;
    }

    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    root.textContent = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(moment);
  }
});
