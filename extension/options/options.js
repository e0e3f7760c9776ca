// The options page: backend address and language live in chrome.storage.local; the seller
// profile lives in the backend (/api/v1/settings, through the worker) so the CLI drafts alike.
(() => {
  const IL = globalThis.InquiryLens;
  const { el, guard } = IL.dom;
  const t = (...args) => IL.i18n.t(...args);
  const form = document.getElementById("form");
  const TEXT_FIELDS = ["company", "contact_name", "address", "phone", "email", "website", "signature", "moq",
                       "lead_time", "payment_terms", "sample_policy", "timezone", "workday_start", "workday_end"];
  const LIST_FIELDS = ["chat_ids", "highlights", "certificates"];
  const DEFAULT_URL = "http://127.0.0.1:8765";
  let loaded = {};  // the profile as the backend sent it: fields this page does not know are kept

  function localise() {
    document.documentElement.lang = IL.i18n.lang === "en" ? "en" : "zh-CN";
    document.querySelectorAll("[data-i18n]").forEach((node) => {
      node.textContent = t(node.getAttribute("data-i18n"));
    });
    const days = document.getElementById("workdays");
    const checked = new Set(readWorkdays());
    days.replaceChildren(el("span", {}, t("options_workdays")), ...[1, 2, 3, 4, 5, 6, 7].map((day) =>
      el("label", {}, el("input", { type: "checkbox", name: "workday", value: String(day), checked: checked.has(day) }),
        t(`weekday_${day}`))));
  }

  function readWorkdays() {
    return [...form.querySelectorAll("input[name=workday]:checked")].map((box) => Number(box.value));
  }

  function say(id, text, kind) {
    const output = document.getElementById(id);
    output.className = kind || "";
    output.replaceChildren(...(Array.isArray(text) ? text : [text]));
  }

  /** A worker answer that is not ok, as a sentence (with the start command when not running). */
  function failure(answer) {
    if (answer.state === "not_running") {
      return [t("state_not_running"), " ", el("code", {}, answer.command || "inquiry-lens serve")];
    }
    if (answer.state === "incompatible") {
      return answer.other_program ? t("state_other_program", answer.url || "")
        : t("state_incompatible", answer.server_version || "?", answer.api_version || "?");
    }
    return t("request_failed", answer.message || answer.state || "");
  }

  function fillProfile(profile) {
    for (const name of TEXT_FIELDS) form.elements[name].value = profile[name] ?? "";
    for (const name of LIST_FIELDS) form.elements[name].value = (profile[name] || []).join("\n");
    const days = new Set(profile.workdays || [1, 2, 3, 4, 5]);
    form.querySelectorAll("input[name=workday]").forEach((box) => { box.checked = days.has(Number(box.value)); });
  }

  /** The form as a SellerProfile: empty text is null, lists one item per line. */
  function readProfile() {
    const profile = { ...loaded };
    for (const name of TEXT_FIELDS) {
      const value = form.elements[name].value.trim();
      profile[name] = value === "" ? null : value;
    }
    for (const name of LIST_FIELDS) {
      profile[name] = form.elements[name].value.split("\n").map((line) => line.trim()).filter(Boolean);
    }
    profile.timezone ||= "Asia/Shanghai";
    profile.workday_start ||= "09:00";
    profile.workday_end ||= "18:00";
    profile.workdays = readWorkdays();
    if (form.elements.language.value) profile.language = form.elements.language.value;
    return profile;
  }

  async function loadProfile() {
    const answer = await chrome.runtime.sendMessage({ type: "settings-get" });
    if (answer && answer.state === "ok") {
      loaded = answer.settings || {};
      fillProfile(loaded);
      say("status", "");
    } else {
      fillProfile({});
      say("status", failure(answer || {}), "bad");
    }
  }

  async function testConnection() {
    await saveLocal();
    say("test-result", "…");
    const answer = await chrome.runtime.sendMessage({ type: "health" });
    if (answer && answer.state === "ok") say("test-result", t("options_test_ok", answer.health.version), "good");
    else say("test-result", failure(answer || {}), "bad");
  }

  async function saveLocal() {
    const url = form.elements.backendUrl.value.trim();
    await chrome.storage.local.set({ backendUrl: url || DEFAULT_URL, language: form.elements.language.value,
                                     pairingToken: form.elements.pairingToken.value.trim() });
  }

  async function save(event) {
    event.preventDefault();
    await saveLocal();
    await IL.i18n.init();
    localise();
    const answer = await chrome.runtime.sendMessage({ type: "settings-put", profile: readProfile() });
    if (answer && answer.state === "ok") {
      loaded = answer.settings || loaded;
      fillProfile(loaded);
      say("status", t("options_saved"), "good");
    } else {
      say("status", failure(answer || {}), "bad");
    }
  }

  function fillTimezones() {
    const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    document.getElementById("timezones").replaceChildren(...zones.map((zone) => el("option", { value: zone })));
  }

  async function start() {
    const stored = await chrome.storage.local.get(["backendUrl", "language", "pairingToken"]);
    form.elements.backendUrl.value = stored.backendUrl || DEFAULT_URL;
    form.elements.pairingToken.value = stored.pairingToken || "";
    form.elements.language.value = stored.language || "";
    await IL.i18n.init();
    localise();
    fillTimezones();
    await loadProfile();
  }

  form.addEventListener("submit", guard(save));
  document.getElementById("test").addEventListener("click", guard(testConnection));
  guard(start)();
})();
