// The one client of the local backend (docs/ARCHITECTURE.md, "Security and failure model"). Content scripts never call
// localhost themselves: they message the worker, which calls through here.
// Loaded with importScripts in Chrome's service worker, as the first background script in Firefox;
// either way its top-level ILBackend is visible to service_worker.js.
/* exported ILBackend */
const ILBackend = (() => {
  const API_VERSION = "1";
  const DEFAULT_URL = "http://127.0.0.1:8765";
  const START_COMMAND = "inquiry-lens serve";
  const TIMEOUT_MS = 5000;

  /** The backend address as http(s)://host[:port][/path], or null when it is not one. */
  function normaliseUrl(value) {
    try {
      const url = new URL(String(value || "").trim());
      if (url.protocol !== "http:" && url.protocol !== "https:") return null;
      return url.origin + url.pathname.replace(/\/+$/, "");
    } catch {
      return null;
    }
  }

  /** The backend address, and the pairing token a team server (`serve --allow-remote`) asks for. */
  async function connection() {
    const { backendUrl, pairingToken } = await chrome.storage.local.get(["backendUrl", "pairingToken"]);
    return { base: normaliseUrl(backendUrl) || DEFAULT_URL, token: String(pairingToken || "").trim() };
  }

  /**
   * One request. Answers {state: "ok", data} or one of the failure states the sidebar shows:
   * not_running (no answer within the timeout), incompatible (412, or an answer without our
   * version headers: some other program holds the port), error (our backend said no).
   */
  async function call(method, path, body) {
    const { base, token } = await connection();
    const headers = { "Content-Type": "application/json", "X-Inquiry-Lens-API": API_VERSION };
    if (token) headers["X-Inquiry-Lens-Token"] = token;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    try {
      let response;
      try {
        response = await fetch(base + path, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: controller.signal,
          credentials: "omit",
          cache: "no-store",
        });
      } catch {
        return { state: "not_running", command: START_COMMAND, url: base };
      }
      const serverVersion = response.headers.get("X-Inquiry-Lens-Version");
      const apiVersion = response.headers.get("X-Inquiry-Lens-API-Version");
      if (!serverVersion || !apiVersion) {
        return { state: "incompatible", server_version: null, api_version: null, other_program: true, url: base };
      }
      if (response.status === 412 || apiVersion !== API_VERSION) {
        return { state: "incompatible", server_version: serverVersion, api_version: apiVersion, url: base };
      }
      let data = null;
      try {
        data = await response.json();
      } catch {
        data = null;
      }
      if (!response.ok || data === null) {
        const error = (data && data.error) || {};
        return { state: "error", status: response.status, code: error.code || null,
                 message: error.message || `HTTP ${response.status}` };
      }
      return { state: "ok", data };
    } catch (error) {
      // The body timed out or the connection dropped half-way: as good as not running.
      if (error && error.name === "AbortError") return { state: "not_running", command: START_COMMAND, url: base };
      return { state: "error", message: String((error && error.message) || error) };
    } finally {
      clearTimeout(timer);
    }
  }

  /** The answer with the data under its own name, as extension/README.md lists it. */
  function named(result, name) {
    if (result.state !== "ok") return result;
    return { state: "ok", [name]: result.data };
  }

  return {
    API_VERSION,
    DEFAULT_URL,
    START_COMMAND,
    normaliseUrl,
    baseUrl: async () => (await connection()).base,
    analyze: async (request) => named(await call("POST", "/api/v1/analyze", request), "response"),
    health: async () => named(await call("GET", "/api/v1/health"), "health"),
    settingsGet: async () => named(await call("GET", "/api/v1/settings"), "settings"),
    settingsPut: async (profile) => named(await call("PUT", "/api/v1/settings", profile), "settings"),
    setStatus: async (id, status, followUpOn) => {
      const body = { status };
      if (followUpOn) body.follow_up_on = followUpOn;
      return named(await call("POST", `/api/v1/inquiries/${encodeURIComponent(id)}/status`, body), "result");
    },
  };
})();
