// UI texts from the locale's messages.json, fetched once from the worker: the language chosen in
// the options page, else the browser's. chrome.i18n is the fallback when the worker cannot answer
// (it cannot switch locales, and its first call in a page costs milliseconds of main thread).
(() => {
  const IL = (globalThis.InquiryLens ||= {});
  if (IL.i18n) return;

  let override = null;  // the locale's messages.json, from the worker
  let lang = "zh";      // "zh" or "en": which half of the backend's {zh, en} texts to show

  /** Read the language option and fetch that locale's texts (or the browser's) from the worker. */
  async function init() {
    let language;
    try {
      ({ language } = await chrome.storage.local.get("language"));
    } catch {
      language = null;
    }
    try {
      const answer = await chrome.runtime.sendMessage({ type: "messages", language });
      override = answer && answer.messages && typeof answer.messages === "object" ? answer.messages : null;
      lang = answer && answer.language === "en" ? "en" : "zh";
    } catch {
      override = null;  // t() then asks chrome.i18n directly
    }
    return lang;
  }

  /** A messages.json entry with its $NAME$ placeholders and $1…$9 filled, as chrome.i18n does. */
  function format(entry, subs) {
    const named = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name) => {
      const placeholder = entry.placeholders && entry.placeholders[name.toLowerCase()];
      return placeholder ? placeholder.content : whole;
    });
    return named.replace(/\$(\d)/g, (whole, n) => (subs[n - 1] === undefined ? "" : String(subs[n - 1])));
  }

  /** The UI text for key; the key itself if no locale has it (visible, never a crash). */
  function t(key, ...subs) {
    if (override && override[key]) return format(override[key], subs);
    try {
      return chrome.i18n.getMessage(key, subs.map(String)) || key;
    } catch {
      return key;
    }
  }

  /** The chosen half of a backend {zh, en} text. */
  function pick(text) {
    if (text === null || text === undefined) return "";
    if (typeof text !== "object") return String(text);
    return String(text[lang] ?? text.zh ?? text.en ?? "");
  }

  /** Whether t() has a text for key (to fall back to a raw code for codes added later). */
  function has(key) {
    if (override) return Boolean(override[key]);
    try {
      return Boolean(chrome.i18n.getMessage(key));
    } catch {
      return false;
    }
  }

  IL.i18n = {
    init,
    t,
    has,
    pick,
    get lang() {
      return lang;
    },
    get locale() {
      return lang === "en" ? "en-GB" : "zh-CN";
    },
  };
})();
