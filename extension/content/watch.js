// IL.watchInquiry: re-reads the inquiry when the page shows another one. Platform pages are
// single-page apps, so a MutationObserver plus hashchange/popstate, debounced, then one extraction;
// onChange runs only when subject, message or e-mail differ from the last inquiry seen.
(() => {
  const IL = (globalThis.InquiryLens ||= {});
  if (IL.watchInquiry) return;

  // A page that never stops changing (a clock, a chat) is still re-read at least this often.
  const MAX_WAIT_MS = 1000;

  /** The cheap identity of an extracted inquiry. */
  function keyOf(result) {
    if (!result) return "";
    return [result.inquiry.subject, result.inquiry.message, result.buyer.email].map((v) => v || "").join("\u0000");
  }

  /**
   * Watch `root` (a document or an element; default the document's body) and call
   * onChange(result) with IL.extractInquiry(document, rules, platformId) when the inquiry changed.
   * `initial` is the result already shown, so the first call is a real change. Returns stop().
   */
  IL.watchInquiry = function watchInquiry(onChange, options = {}) {
    const { debounceMs = 150, root = globalThis.document, rules, platformId, initial = null } = options;
    const doc = root.nodeType === 9 ? root : root.ownerDocument;
    const win = doc.defaultView || globalThis;
    const target = root.nodeType === 9 ? root.body || root.documentElement : root;
    let lastKey = keyOf(initial);
    let timer = null;
    let firstAt = 0;
    let stopped = false;

    function run() {
      timer = null;
      firstAt = 0;
      if (stopped) return;
      try {
        const result = IL.extractInquiry(doc, rules, platformId);
        const key = keyOf(result);
        if (!result || key === lastKey) return;
        lastKey = key;
        onChange(result);
      } catch {
        // the page is not ours to break: a faulty callback or odd DOM ends here, silently
      }
    }

    function schedule() {
      if (stopped) return;
      const now = Date.now();
      firstAt ||= now;
      if (timer !== null) win.clearTimeout(timer);
      timer = win.setTimeout(run, Math.max(0, Math.min(debounceMs, firstAt + MAX_WAIT_MS - now)));
    }

    let observer;
    try {
      observer = new win.MutationObserver(schedule);
      observer.observe(target, { childList: true, subtree: true, characterData: true });
    } catch {
      return function stop() {}; // nothing to watch (no body yet, a foreign node): a harmless no-op
    }
    win.addEventListener("hashchange", schedule);
    win.addEventListener("popstate", schedule);

    return function stop() {
      stopped = true;
      observer.disconnect();
      win.removeEventListener("hashchange", schedule);
      win.removeEventListener("popstate", schedule);
      if (timer !== null) win.clearTimeout(timer);
      timer = null;
    };
  };
})();
