// Injected into every page's main world before the page's own scripts: records, in page time, when
// the sidebar's state, badge or intent changes, so latency is measured inside the page, not by the
// test's polling. The sidebar's shadow root is open, so the main world can observe it.
(() => {
  const log = (window.__ilTiming = { dcl: null, changes: [] });
  document.addEventListener("DOMContentLoaded", () => { log.dcl = performance.now(); }, { once: true });
  const read = (root, part, attr) => {
    const node = root.querySelector(`[data-part="${part}"]`);
    return node ? (attr ? node.getAttribute(attr) : node.textContent) : null;
  };
  const record = (root) => {
    const now = { state: read(root, "state", "data-state"), color: read(root, "badge", "data-color"),
                  intent: read(root, "intent") };
    const last = log.changes[log.changes.length - 1];
    if (!last || last.state !== now.state || last.color !== now.color || last.intent !== now.intent) {
      log.changes.push({ ...now, at: performance.now() });
    }
  };
  let root = null;
  const find = () => {
    const host = document.querySelector("inquiry-lens-sidebar");
    if (!host || !host.shadowRoot || host.shadowRoot === root) return;
    root = host.shadowRoot;
    new MutationObserver(() => record(root)).observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    record(root);
  };
  new MutationObserver(find).observe(document, { childList: true, subtree: true });
  // A shadow root attached after the host was inserted fires no document mutation: look again.
  const started = performance.now();
  const poll = setInterval(() => { find(); if (root || performance.now() - started > 30000) clearInterval(poll); }, 10);
})();
