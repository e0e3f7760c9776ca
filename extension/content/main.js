// Orchestration in the page: rules → platform → extract → analyse → render, again whenever the
// inquiry shown changes; the keyboard toggle and "analyse selected text" from the worker.
// The page-load path only reads rules and mounts an empty frame: the analysis is asynchronous.
(() => {
  const IL = (globalThis.InquiryLens ||= {});
  if (IL.mainStarted) return;  // injected again by the context menu on a page that had us already
  IL.mainStarted = true;

  const HTML_CAP = 200000;       // characters of the inquiry area sent along; the backend caps again
  const SELECTION_CAP = 50000;
  const QUIET_RETRY_MS = [3000, 5000, 10000, 30000];  // while the backend is not running
  const isTop = window === window.top;
  const { guard } = IL.dom;

  const state = {
    rules: null, platform: null, sidebar: null, stopWatch: null, collapsed: false,
    request: null, lastKey: null, relayedKey: null, frameRequest: null, pinnedUrl: null,
    sequence: 0, retryTimer: null, retryCount: 0,
  };

  function alive() {
    try {
      return Boolean(chrome.runtime && chrome.runtime.id);
    } catch {
      return false;
    }
  }

  /** Ask the worker; failures come back as a state, never as an exception. */
  async function send(message) {
    if (!alive()) return shutdown();
    try {
      return (await chrome.runtime.sendMessage(message)) || { state: "error", message: "no answer" };
    } catch (error) {
      if (!alive()) return shutdown();  // the extension was reloaded or removed under this page
      return { state: "error", message: String((error && error.message) || error) };
    }
  }

  function shutdown() {
    if (state.stopWatch) guard(state.stopWatch)();
    state.stopWatch = null;
    clearTimeout(state.retryTimer);
    if (state.sidebar) state.sidebar.destroy();
    state.sidebar = null;
    return { state: "error", message: "extension context gone" };
  }

  function ensureSidebar() {
    if (!state.sidebar) {
      // A sidebar left by an earlier copy of the extension (reloaded) would sit under ours.
      document.querySelectorAll("inquiry-lens-sidebar").forEach((node) => node.remove());
      state.sidebar = new IL.Sidebar({
        collapsed: state.collapsed,
        onRetry: () => retry(),
        onStatus: (id, status, followUpOn) => send({ type: "status", id, status, follow_up_on: followUpOn }),
      });
    }
    state.sidebar.mount();
    return state.sidebar;
  }

  const hasText = (value) => typeof value === "string" && value.trim() !== "";

  function extract() {
    try {
      return IL.extractInquiry(document, state.rules, state.platform) || {};
    } catch {
      return {};
    }
  }

  /** The analyze request for an extraction result, or null when it holds no inquiry. */
  function requestFrom(found) {
    if (!state.platform || !found) return null;
    const inquiry = found.inquiry || {};
    const buyer = found.buyer || {};
    // An inquiry area without any text (the page is still loading it) is nothing to analyse yet.
    const html = hasText(found.html) && hasText(found.html.replace(/<[^>]*>/g, "")) ? found.html.slice(0, HTML_CAP) : null;
    if (!hasText(inquiry.subject) && !hasText(inquiry.message) && !html) return null;
    return { platform: state.platform, page_url: location.href, inquiry, buyer, html };
  }

  /** Same fields, same inquiry: a re-render of the page's list or clock is no reason to re-analyse. */
  function keyOf(request) {
    const fields = JSON.stringify([request.platform, request.inquiry, request.buyer]);
    return hasText(request.inquiry.subject) || hasText(request.inquiry.message) ? fields : fields + request.html;
  }

  async function analyze(request, { force = false } = {}) {
    const key = keyOf(request);
    if (!force && key === state.lastKey) return;
    state.lastKey = key;
    state.request = request;
    clearTimeout(state.retryTimer);
    const ticket = ++state.sequence;
    ensureSidebar().showLoading();
    show(await send({ type: "analyze", request }), ticket);
  }

  /** Render an answer unless a newer analysis started meanwhile. */
  function show(answer, ticket) {
    if (ticket !== state.sequence || !state.sidebar) return;
    if (answer.state === "ok" && answer.response && answer.response.verdict) {
      state.retryCount = 0;
      state.sidebar.showResult(answer.response);
      return;
    }
    state.sidebar.showState(answer.state === "ok" ? "error" : answer.state, answer);
    if (answer.state === "not_running") scheduleQuietRetry(ticket);
  }

  /** Try again in the background while the backend is down, so starting it is enough. */
  function scheduleQuietRetry(ticket) {
    const delay = QUIET_RETRY_MS[Math.min(state.retryCount, QUIET_RETRY_MS.length - 1)];
    state.retryCount += 1;
    clearTimeout(state.retryTimer);
    state.retryTimer = setTimeout(guard(async () => {
      if (ticket !== state.sequence || !state.request) return;
      const answer = await send({ type: "analyze", request: state.request });
      if (answer.state === "not_running") scheduleQuietRetry(ticket);
      else show(answer, ticket);
    }), delay);
  }

  function retry() {
    state.retryCount = 0;
    if (state.request) analyze(state.request, { force: true });
    else onPageChange();
  }

  function showNothing() {
    state.lastKey = null;
    state.request = null;
    state.sequence += 1;
    clearTimeout(state.retryTimer);
    ensureSidebar().showState("nothing");
  }

  /**
   * What this frame shows now (`found`: the watcher's extraction, else extract afresh).
   * Subframes hand their inquiry to the top frame.
   */
  function onPageChange(found) {
    if (state.pinnedUrl === location.href) return;  // the user's selection stays until the page moves on
    state.pinnedUrl = null;
    const result = state.platform ? found || extract() : null;
    const own = requestFrom(result);
    if (!isTop) {
      if (own) relay(own);
      return;
    }
    // A page whose only "field" is its whole text defers to an inquiry a platform subframe found.
    const labelled = Boolean(result && (result.found || []).some((field) => field !== "inquiry.message"));
    const request = own && (labelled || !state.frameRequest) ? own : state.frameRequest || own;
    if (request) analyze(request);
    else if (state.platform || state.sidebar) showNothing();
  }

  async function relay(request) {
    const key = keyOf(request);
    if (key === state.relayedKey) return;
    state.relayedKey = key;
    const answer = await send({ type: "frame-inquiry", request });
    if (!answer || !answer.accepted) analyze(request);  // no top frame of ours: show it here
  }

  function analyzeSelection(text) {
    const selected = String(window.getSelection() || "").trim() || String(text || "").trim();
    const sidebar = ensureSidebar();
    sidebar.setCollapsed(false);
    if (!selected) {
      showNothing();
      return;
    }
    // The text becomes the content of a <pre> node; its markup is then serialised by the browser,
    // so nothing in the selection can turn into tags.
    const pre = document.createElement("pre");
    pre.textContent = selected.slice(0, SELECTION_CAP);
    state.pinnedUrl = location.href;
    analyze({ platform: "generic", page_url: location.href, inquiry: {}, buyer: {}, html: pre.outerHTML }, { force: true });
  }

  function toggle() {
    if (state.sidebar && state.sidebar.mounted) {
      state.sidebar.toggle();
      return;
    }
    ensureSidebar().setCollapsed(false);
    onPageChange();
  }

  async function start() {
    const [rules, stored] = await Promise.all([
      send({ type: "rules" }),
      chrome.storage.local.get("sidebarCollapsed").catch(() => ({})),
      IL.i18n.init(),
    ]);
    state.collapsed = Boolean(stored && stored.sidebarCollapsed);
    if (!rules || !rules.platforms) return;
    state.rules = rules;
    let platform;
    try {
      platform = IL.detectPlatform(location.href, rules);
    } catch {
      platform = null;
    }
    platform = typeof platform === "string" ? platform : (platform && platform.id) || null;
    if (!platform || platform === "generic") return;  // other pages: only when the user asks
    state.platform = platform;
    if (isTop) ensureSidebar();
    const initial = extract();
    onPageChange(initial);
    state.stopWatch = IL.watchInquiry(guard(onPageChange), { rules, platformId: platform, initial });
  }

  const ready = start().catch(() => {});

  const whenReady = (fn) => guard(async (...args) => {
    await ready;
    return fn(...args);
  });
  const handlers = {
    "toggle-sidebar": whenReady(toggle),
    "analyze-selection": whenReady((message) => analyzeSelection(message.text)),
    "frame-inquiry": whenReady((message) => {
      state.frameRequest = message.request;
      onPageChange();
    }),
  };

  chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (!message || sender.id !== chrome.runtime.id) return false;
    if (message.type === "ping") {
      sendResponse({ pong: true });
      return false;
    }
    if (!isTop || !handlers[message.type]) return false;
    handlers[message.type](message);
    sendResponse({ accepted: true });
    return false;
  });

  chrome.storage.onChanged.addListener(guard(async (changes, area) => {
    if (area !== "local" || !changes.language) return;
    await IL.i18n.init();
    if (state.sidebar) state.sidebar.render();
  }));
})();
