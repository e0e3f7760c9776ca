// IL.Sidebar: the frame around the verdict. An <inquiry-lens-sidebar> element with an open shadow
// root at the right edge, collapsible to a slim tab, showing one state at a time (loading, ok,
// not_running, incompatible, error, nothing). The verdict sections are in sidebar_verdict.js and
// sidebar_reply.js. Content scripts cannot define custom elements (Chrome gives them no
// customElements registry), so this is an undefined custom element driven from here.
(() => {
  const IL = (globalThis.InquiryLens ||= {});
  if (IL.Sidebar) return;
  const { el, guard } = IL.dom;
  const t = (...args) => IL.i18n.t(...args);

  const TAG = "inquiry-lens-sidebar";
  const SPINNER_DELAY_MS = 300;  // a fast answer should not flash a spinner
  const TOAST_MS = 1800;
  const COLLAPSED_KEY = "sidebarCollapsed";
  const COLORS = ["green", "amber", "red", "grey"];
  // What a salesperson needs first: is it real, seen before, a scam, by when, the reply; then why.
  // The second group is built in a later task, so no single task on the page runs long.
  const FIRST_SECTIONS = ["verdict", "duplicates", "warning", "timing", "reply"];
  const LATER_SECTIONS = ["tips", "reasons", "checks", "research"];

  class Sidebar {
    /** handlers: {onRetry(), onStatus(id, status, followUpOn) → Promise<answer>} */
    constructor({ collapsed = false, onRetry = () => {}, onStatus = async () => ({ state: "error" }) } = {}) {
      this.handlers = { onRetry, onStatus };
      this.timers = new Set();
      this.toastTimer = null;
      this.view = { kind: "state", state: "nothing", info: {} };
      this.host = document.createElement(TAG);
      this.root = this.host.attachShadow({ mode: "open" });
      IL.applySidebarStyle(this.root);
      this.tab = el("button", { class: "tab", type: "button", "data-part": "expand", onclick: () => this.setCollapsed(false) });
      this.frame = el("div", { class: "frame", role: "complementary" });
      this.root.append(this.tab, this.frame);
      if (collapsed) this.host.setAttribute("collapsed", "");
      this.render();
    }

    get mounted() {
      return this.host.isConnected;
    }

    get collapsed() {
      return this.host.hasAttribute("collapsed");
    }

    /** Attach to the page: to <html>, not <body>, so the page's body layout never moves. */
    mount() {
      if (!this.host.isConnected) document.documentElement.append(this.host);
    }

    /** Fold to the tab or open; remembered for every page. */
    setCollapsed(collapsed, remember = true) {
      this.host.toggleAttribute("collapsed", Boolean(collapsed));
      if (remember) chrome.storage.local.set({ [COLLAPSED_KEY]: Boolean(collapsed) }).catch(() => {});
    }

    toggle() {
      this.setCollapsed(!this.collapsed);
    }

    showLoading() {
      this.view = { kind: "loading" };
      this.render();
    }

    /** not_running | incompatible | error | nothing, with the worker's answer as info. */
    showState(state, info = {}) {
      this.view = { kind: "state", state, info };
      this.render();
    }

    showResult(response) {
      this.view = { kind: "result", response };
      this.render();
    }

    /** Draw the current view again, e.g. after the language changed. */
    render() {
      this.clearTimers();
      const body = el("div", { class: "body" });
      const badge = this.view.kind === "result" ? this.view.response?.verdict?.badge : null;
      const color = badge && COLORS.includes(badge.color) ? badge.color : "";
      try {
        body.append(this.renderView());
      } catch {
        // A response this version does not understand: say so rather than show half of it.
        body.replaceChildren(this.stateBox("error", t("state_error"), el("p", { class: "muted" }, t("error_unreadable"))));
      }
      this.toastNode = el("div", { class: "toast", "data-part": "toast", role: "status", "aria-live": "polite" });
      this.frame.replaceChildren(this.header(), body, this.toastNode);
      this.tab.replaceChildren(el("span", { class: `dot ${color}` }), t("sidebar_title_short"));
      this.tab.setAttribute("title", t("expand"));
    }

    header() {
      return el("header", {},
        el("span", { class: "title" }, t("sidebar_title")),
        el("button", { class: "icon", type: "button", title: t("open_options"), "aria-label": t("open_options"),
                       onclick: () => chrome.runtime.sendMessage({ type: "open-options" }).catch(() => {}) }, "⚙"),
        el("button", { class: "icon", type: "button", "data-part": "collapse", title: t("collapse"),
                       "aria-label": t("collapse"), onclick: () => this.setCollapsed(true) }, "›"));
    }

    renderView() {
      const { kind } = this.view;
      if (kind === "loading") return this.loadingBox();
      if (kind === "result") {
        const context = { t, pick: IL.i18n.pick, locale: IL.i18n.locale, every: (ms, fn) => this.every(ms, fn), later: (ms, fn) => this.later(ms, fn),
                          copy: (text, doneKey) => this.copy(text, doneKey), toast: (text) => this.toast(text),
                          onStatus: this.handlers.onStatus };
        const box = el("div", { class: "state", "data-part": "state", "data-state": "ok" });
        const build = (names) => {
          for (const name of names) {
            const section = IL.sidebarSections[name](this.view.response, context);
            if (section) box.append(section);
          }
        };
        build(FIRST_SECTIONS);
        this.later(0, () => build(LATER_SECTIONS));
        return box;
      }
      return this.failureBox(this.view.state, this.view.info || {});
    }

    loadingBox() {
      const box = el("div", { class: "state", "data-part": "state", "data-state": "loading", "aria-busy": "true" });
      this.later(SPINNER_DELAY_MS, () => box.append(el("div", { class: "spinner" }), el("p", { class: "muted" }, t("state_loading"))));
      return box;
    }

    stateBox(state, title, ...children) {
      return el("div", { class: "state", "data-part": "state", "data-state": state }, el("p", {}, title), ...children);
    }

    retryButton() {
      return el("button", { type: "button", "data-part": "retry", onclick: () => this.handlers.onRetry() }, t("retry"));
    }

    failureBox(state, info) {
      if (state === "not_running") {
        const command = info.command || "inquiry-lens serve";
        return this.stateBox(state, t("state_not_running"),
          el("p", {}, el("code", { "data-part": "start-command" }, command)),
          el("p", { class: "muted" }, t("backend_address", info.url || "http://127.0.0.1:8765")),
          el("div", { class: "row" }, this.retryButton(),
            el("button", { type: "button", onclick: () => this.copy(command, "copied_command") }, t("copy_command"))));
      }
      if (state === "incompatible") {
        const text = info.other_program ? t("state_other_program", info.url || "")
          : t("state_incompatible", info.server_version || "?", info.api_version || "?");
        return this.stateBox(state, text, el("p", { class: "muted" }, t("incompatible_hint")),
          el("div", { class: "row" }, this.retryButton()));
      }
      if (state === "error") {
        return this.stateBox(state, t("state_error"), el("p", { class: "muted" }, info.message || ""),
          el("div", { class: "row" }, this.retryButton()));
      }
      return this.stateBox("nothing", t("state_nothing"), el("p", { class: "muted" }, t("hint_selection")));
    }

    /** Copy to the clipboard on the user's click and confirm it with the toast. */
    async copy(text, doneKey) {
      let copied;
      try {
        await navigator.clipboard.writeText(text);
        copied = true;
      } catch {
        copied = this.copyBySelection(text);
      }
      this.toast(t(copied ? doneKey : "copy_failed"));
      return copied;
    }

    /** The older way, for pages whose permissions policy blocks the async clipboard. */
    copyBySelection(text) {
      const buffer = el("textarea", { class: "copy-buffer", readonly: true, "aria-hidden": "true" });
      buffer.value = text;
      this.root.append(buffer);
      buffer.select();
      let copied;
      try {
        copied = document.execCommand("copy");
      } catch {
        copied = false;
      }
      buffer.remove();
      return copied;
    }

    toast(text) {
      if (!this.toastNode) return;
      this.toastNode.textContent = text;
      this.toastNode.setAttribute("data-shown", "");
      clearTimeout(this.toastTimer);
      this.toastTimer = setTimeout(() => this.toastNode && this.toastNode.removeAttribute("data-shown"), TOAST_MS);
    }

    /** A repeating job of the current view (the countdown); stopped when the view changes. */
    every(ms, fn) {
      const id = setInterval(guard(fn), ms);
      this.timers.add(() => clearInterval(id));
    }

    later(ms, fn) {
      const id = setTimeout(guard(fn), ms);
      this.timers.add(() => clearTimeout(id));
    }

    clearTimers() {
      for (const clear of this.timers) clear();
      this.timers.clear();
    }

    /** Remove everything this sidebar added to the page. */
    destroy() {
      this.clearTimers();
      clearTimeout(this.toastTimer);
      this.toastNode = null;
      this.host.remove();
    }
  }

  IL.Sidebar = Sidebar;
})();
