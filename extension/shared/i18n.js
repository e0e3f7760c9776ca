// UI texts through chrome.i18n, unless the options page chose a language other than the one the
// browser picked: chrome.i18n cannot switch locales, so then that locale's messages.json is used.
(() => {
  const IL = (globalThis.InquiryLens ||= {});
  if (IL.i18n) return;

  let override = null;  // the chosen locale's messages.json, when it differs from the browser's
  let lang = "zh";      // "zh" or "en": which half of the backend's {zh, en} texts to show

  /** The locale chrome.i18n picked for this browser: "zh" or "en" (zh_CN is the default locale). */
  function browserLang() {
    try {
      return chrome.i18n.getMessage("lang_code") === "en" ? "en" : "zh";
    } catch {
      return "zh";
    }
  }

  /** Read the language option; load the other locale's texts when it overrides the browser's. */
  async function init() {
    let language = null;
    try {
      ({ language } = await chrome.storage.local.get("language"));
    } catch {
      language = null;
    }
    const wanted = language === "en" ? "en" : language === "zh_CN" ? "zh" : null;
    override = null;
    lang = wanted || browserLang();
    if (wanted && wanted !== browserLang()) {
      try {
        const messages = await chrome.runtime.sendMessage({ type: "messages", language });
        override = messages && typeof messages === "object" ? messages : null;
      } catch {
        override = null;
      }
      if (!override) lang = browserLang();  // half-switched texts would read worse than none
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
