// The background: a thin message router (extension/README.md), the context menu and the
// keyboard command. Everything that talks to the backend is in backend_client.js.
/* global ILBackend */
if (typeof ILBackend === "undefined" && typeof importScripts === "function") {
  importScripts("backend_client.js");  // Chrome's worker; Firefox lists it as a background script
}

// The shared_rules files the content scripts read. `inquiry-lens pack` ships exactly these.
const RULE_FILES = [
  "labels.json",
  "platforms/alibaba.json",
  "platforms/made_in_china.json",
  "platforms/global_sources.json",
  "platforms/email.json",
  "platforms/generic.json",
];
const LOCALES = ["zh_CN", "en"];
const MENU_ID = "analyze-selection";

let rulesPromise = null;
const localeCache = new Map();

async function readJson(path) {
  const response = await fetch(chrome.runtime.getURL(path));
  return response.json();
}

/** {platforms: {alibaba: {...}, ...}, labels: {...}}, read once per worker life. */
function loadRules() {
  rulesPromise ||= Promise.all(RULE_FILES.map((file) => readJson(`shared_rules/${file}`))).then((docs) => {
    const rules = { platforms: {} };
    RULE_FILES.forEach((file, i) => {
      const name = file.replace(/\.json$/, "");
      if (name.startsWith("platforms/")) rules.platforms[name.slice("platforms/".length)] = docs[i];
      else rules[name] = docs[i];
    });
    return rules;
  }).catch((error) => {
    rulesPromise = null;
    throw error;
  });
  return rulesPromise;
}

/** The locale chrome.i18n would pick: en for an English browser, else the default zh_CN. */
function browserLocale() {
  try {
    return String(chrome.i18n.getUILanguage() || "").toLowerCase().startsWith("en") ? "en" : "zh_CN";
  } catch {
    return "zh_CN";
  }
}

/** A locale's messages.json: the one chosen in the options page, else the browser's. Pages get
 * the texts from here because their first chrome.i18n call costs them 3–13 ms of main thread. */
async function loadMessages(language) {
  const chosen = LOCALES.includes(language) ? language : browserLocale();
  if (!localeCache.has(chosen)) localeCache.set(chosen, await readJson(`_locales/${chosen}/messages.json`));
  return { language: chosen, messages: localeCache.get(chosen) };
}

/** Forward a subframe's inquiry to the top frame's sidebar (platforms that render in iframes). */
async function forwardToTop(message, sender) {
  if (!sender.tab) return { accepted: false };
  try {
    const answer = await chrome.tabs.sendMessage(sender.tab.id, { type: "frame-inquiry", request: message.request },
                                                 { frameId: 0 });
    return answer || { accepted: false };
  } catch {
    return { accepted: false };
  }
}

const HANDLERS = {
  rules: () => loadRules(),
  messages: (message) => loadMessages(message.language),
  analyze: (message) => ILBackend.analyze(message.request),
  health: () => ILBackend.health(),
  "settings-get": () => ILBackend.settingsGet(),
  "settings-put": (message) => ILBackend.settingsPut(message.profile),
  status: (message) => ILBackend.setStatus(message.id, message.status, message.follow_up_on),
  "frame-inquiry": forwardToTop,
  "open-options": () => chrome.runtime.openOptionsPage().then(() => ({ state: "ok" })),
};

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const handler = message && sender.id === chrome.runtime.id ? HANDLERS[message.type] : undefined;
  if (!handler) return false;
  Promise.resolve()
    .then(() => handler(message, sender))
    .then(sendResponse, (error) => sendResponse({ state: "error", message: String((error && error.message) || error) }));
  return true;  // the answer comes asynchronously
});

/** Make sure the content scripts run in the tab's top frame (activeTab grants it after a click). */
async function ensureContentScripts(tabId) {
  try {
    const answer = await chrome.tabs.sendMessage(tabId, { type: "ping" }, { frameId: 0 });
    if (answer && answer.pong) return true;
  } catch {
    // no content script there yet
  }
  const files = chrome.runtime.getManifest().content_scripts[0].js;
  try {
    await chrome.scripting.executeScript({ target: { tabId }, files });
    return true;
  } catch {
    return false;  // a page the browser keeps extensions out of (chrome://, the web store)
  }
}

async function sendToTab(tab, message) {
  if (!tab || tab.id === undefined || !(await ensureContentScripts(tab.id))) return;
  try {
    await chrome.tabs.sendMessage(tab.id, message, { frameId: 0 });
  } catch {
    // the tab navigated away meanwhile
  }
}

function createMenu() {
  chrome.contextMenus.removeAll(() => {
    chrome.contextMenus.create({
      id: MENU_ID,
      title: chrome.i18n.getMessage("menu_analyze_selection"),
      contexts: ["selection"],
    });
  });
}

chrome.runtime.onInstalled.addListener(createMenu);
if (chrome.runtime.onStartup) chrome.runtime.onStartup.addListener(createMenu);

chrome.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId !== MENU_ID) return;
  sendToTab(tab, { type: "analyze-selection", text: info.selectionText || "" });
});

chrome.commands.onCommand.addListener(async (command, tab) => {
  if (command !== "toggle-sidebar") return;
  if (!tab) [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  sendToTab(tab, { type: "toggle-sidebar" });
});
