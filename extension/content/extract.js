// Layered extraction driven by shared_rules (shared_rules/extraction.md): label anchors inside the
// inquiry area, JSON the page holds, then per-field CSS selectors. The same rules, step for step,
// as backend/inquiry_lens/extraction/page_fields.py; tests/extraction/test_extract_parity.py runs both over the demo pages.
// Read only: nothing here writes to the page.
(() => {
  const IL = (globalThis.InquiryLens ||= {});
  if (IL.extractInquiry) return; // injected twice (activeTab): keep the first

  const MAX_TEXT = 20000;
  const MAX_LINKS = 200;
  const MAX_ATTACHMENTS = 50;
  const MAX_NAME = 255;
  const MAX_HTML_BYTES = 64 * 1024;
  const LABEL_MAX = 80;
  const SKIP_PARENTS = new Set(["script", "style", "noscript", "template", "head", "title"]);
  const SHOW_TEXT = 4; // NodeFilter.SHOW_TEXT, written out so the file also runs outside a browser
  // Python's str.strip()/split() whitespace and str.splitlines() breaks, so both sides cut alike.
  const WS = "\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  const EDGES = new RegExp(`^[${WS}]+|[${WS}]+$`, "g");
  const RUNS = new RegExp(`[${WS}]+`);
  // eslint-disable-next-line no-control-regex -- \x1c-\x1e on purpose: str.splitlines() breaks there
  const LINE_BREAK = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;
  const SEPARATOR = /[:：]/;
  const ACTIVITY = "buyer.activity.";
  const MESSAGE = "inquiry.message";
  const ACTIVITY_KINDS = { registered_at: "date", order_volume: "text", verified: "flag" };
  const MAX_COUNT = 1e9;
  const COUNT = /^([0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,10})(?![0-9.,])/;
  const DAY = /^([0-9]{4}) *[-/.年] *([0-9]{1,2}) *[-/.月] *([0-9]{1,2})/;
  const MOMENT = new RegExp("^([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})"
    + "(?:[ T]+([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?(?:\\.[0-9]+)? *(Z|[+-][0-9]{2}:?[0-9]{2})?)?");
  const EPOCH = /^[0-9]{9,13}$/;
  const YES = new Set(["yes", "true", "1", "verified", "是", "已认证"]);
  const NO = new Set(["no", "false", "0", "unverified", "否", "未认证"]);

  const strip = (text) => text.replace(EDGES, "");
  // Lengths and cuts count code points, as Python does, not UTF-16 units.
  const codePoints = (text) => (text.length <= LABEL_MAX ? text.length : Array.from(text).length);
  const cut = (text, limit) => (text.length <= limit ? text : Array.from(text).slice(0, limit).join(""));

  // Most lines need only lower-casing: one test instead of six passes (this runs on every line).
  const NEEDS_WORK = new RegExp(`’|[${WS.replace("\\x1c-\\x20", "\\x1c-\\x1f")}]|  |^ | $|[:：*]$`);

  function normaliseLabel(text) {
    if (!NEEDS_WORK.test(text)) return text.toLowerCase();
    const trimmed = strip(strip(text.replace(/’/g, "'")).replace(/[:：*]+$/, ""));
    return trimmed.toLowerCase().split(RUNS).filter(Boolean).join(" ");
  }

  const labelCache = new WeakMap();
  function labelTable(labels) {
    let table = labelCache.get(labels);
    if (!table) {
      table = new Map();
      for (const [field, names] of Object.entries(labels.fields || {})) {
        for (const name of names) {
          const key = normaliseLabel(name);
          if (!table.has(key)) table.set(key, field);
        }
      }
      labelCache.set(labels, table);
    }
    return table;
  }

  /** The text nodes under `node` a reader sees (comments are not text nodes). */
  function textNodes(node) {
    const nodes = [];
    const walker = node.ownerDocument.createTreeWalker(node, SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const parent = text.parentNode;
      if (!(parent && parent.localName && SKIP_PARENTS.has(parent.localName))) nodes.push(text);
    }
    return nodes;
  }

  function elementText(node) {
    const parts = [];
    for (const textNode of textNodes(node)) {
      const text = strip(textNode.data);
      if (text) parts.push(text);
    }
    return parts.join("\n");
  }

  /** The field a line names as its label (`Email`, `Email:` or `Email: a@b.c`), else undefined. */
  function labelLine(text, labels) {
    const length = codePoints(text);
    if (length > LABEL_MAX + 200) return undefined;
    const whole = length <= LABEL_MAX ? labels.get(normaliseLabel(text)) : undefined;
    if (whole) return whole;
    const match = SEPARATOR.exec(text);
    if (!match || codePoints(text.slice(0, match.index)) > LABEL_MAX) return undefined;
    return labels.get(normaliseLabel(text.slice(0, match.index)));
  }

  // A message runs on over the lines of the element its first line is in, until a buyer label.
  function byLabels(node, labels) {
    const found = new Map();
    let pending = null;
    let message = null;
    let home = null;
    const keep = (field, value) => { if (!found.has(field)) found.set(field, value); };
    for (const textNode of textNodes(node)) {
      const parent = textNode.parentNode;
      for (const line of textNode.data.split(LINE_BREAK)) {
        const text = strip(line);
        if (!text) continue;
        if (message !== null) {
          const field = labelLine(text, labels);
          if (parent === home && !(field && field.startsWith("buyer."))) {
            message.push(text);
            continue;
          }
          keep(MESSAGE, message.join("\n"));
          message = null;
        }
        if (pending !== null) {
          if (!labels.has(normaliseLabel(text))) {
            if (pending === MESSAGE && !found.has(MESSAGE)) [message, home] = [[text], parent];
            else keep(pending, text);
            pending = null;
            continue;
          }
          pending = null;
        }
        const length = codePoints(text);
        if (length > LABEL_MAX + 200) continue;
        const match = SEPARATOR.exec(text);
        if (match && codePoints(text.slice(0, match.index)) <= LABEL_MAX) {
          const field = labels.get(normaliseLabel(text.slice(0, match.index)));
          const value = strip(text.slice(match.index + 1));
          if (field && value) {
            if (field === MESSAGE && !found.has(MESSAGE)) [message, home] = [[value], parent];
            else keep(field, value);
            continue;
          }
          if (field) {
            pending = field;
            continue;
          }
        }
        const field = length <= LABEL_MAX ? labels.get(normaliseLabel(text)) : undefined;
        if (field && !found.has(field)) pending = field;
      }
    }
    if (message !== null) keep(MESSAGE, message.join("\n"));
    return found;
  }

  function selectOne(root, selector) {
    try {
      return root.querySelector(selector);
    } catch {
      return null; // a selector this engine cannot read matches nothing
    }
  }

  /** A JSON string or number as text, as the Python side prints it. */
  function scalar(value) {
    if (typeof value === "string" || (typeof value === "number" && Number.isFinite(value))) {
      return strip(String(value)) || null;
    }
    return null;
  }

  function byJson(doc, sources, found) {
    for (const source of sources || []) {
      const element = selectOne(doc, source.selector);
      if (!element) continue;
      let data;
      try {
        data = JSON.parse(element.textContent);
      } catch {
        continue;
      }
      for (const [field, path] of Object.entries(source.fields)) {
        let value = data;
        for (const key of path.split(".")) {
          const isObject = value !== null && typeof value === "object" && !Array.isArray(value);
          value = isObject && Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
        }
        const text = scalar(value);
        if (text !== null && !found.has(field)) found.set(field, text);
      }
    }
  }

  function read(element, attr) {
    return strip(attr ? element.getAttribute(attr) || "" : elementText(element));
  }

  function bySelectors(doc, fields, found) {
    for (const [field, rules] of Object.entries(fields || {})) {
      for (const rule of rules) {
        const element = selectOne(doc, rule.selector);
        const value = element ? read(element, rule.attr) : "";
        if (value) {
          if (!found.has(field)) found.set(field, value);
          break;
        }
      }
    }
  }

  function attachments(doc, rules) {
    for (const rule of rules || []) {
      let elements;
      try {
        elements = Array.from(doc.querySelectorAll(rule.selector)).slice(0, MAX_ATTACHMENTS);
      } catch {
        continue;
      }
      const names = elements.map((el) => read(el, rule.attr)).filter(Boolean);
      if (names.length) return names.map((name) => ({ name: cut(name, MAX_NAME) }));
    }
    return [];
  }

  const pad = (n) => String(n).padStart(2, "0");

  function validDay(year, month, day) {
    if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
    if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
    return `${year}-${pad(month)}-${pad(day)}`;
  }

  function moment(text) {
    const m = MOMENT.exec(text);
    if (!m) return null;
    const [hour, minute, second] = [m[4], m[5], m[6]].map((part) => Number(part || 0));
    const dayText = validDay(Number(m[1]), Number(m[2]), Number(m[3]));
    if (dayText === null || hour > 23 || minute > 59 || second > 59) return null;
    let offset = m[7] || "";
    if (offset && offset !== "Z" && !offset.includes(":")) offset = `${offset.slice(0, 3)}:${offset.slice(3)}`;
    return `${dayText}T${pad(hour)}:${pad(minute)}:${pad(second)}${offset}`;
  }

  function activityValue(kind, text) {
    if (kind === "text") return cut(text, MAX_TEXT);
    if (kind === "flag") {
      const word = text.toLowerCase();
      return YES.has(word) ? true : NO.has(word) ? false : null;
    }
    if (kind === "date") {
      if (EPOCH.test(text)) { // the platforms' JSON holds Unix seconds or milliseconds
        const seconds = Number(text) >= 1e11 ? Math.floor(Number(text) / 1000) : Number(text);
        const day = new Date(seconds * 1000);
        return validDay(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate());
      }
      const m = DAY.exec(text);
      return m ? validDay(Number(m[1]), Number(m[2]), Number(m[3])) : null;
    }
    const m = COUNT.exec(text);
    const number = m ? Number(m[1].replace(/,/g, "")) : null;
    return number !== null && number <= MAX_COUNT ? number : null;
  }

  function finish(field, text, hidden) {
    if (hidden.has(text.toLowerCase())) return null;
    if (field === "inquiry.received_at") return moment(text);
    if (field.startsWith(ACTIVITY)) return activityValue(ACTIVITY_KINDS[field.slice(ACTIVITY.length)] || "count", text);
    return cut(text, MAX_TEXT);
  }

  /** The area's outerHTML cut to 64 KiB of UTF-8, never inside a character. */
  function cappedHtml(element) {
    const html = element.outerHTML;
    if (html.length * 3 <= MAX_HTML_BYTES) return html;
    const { read: used } = new TextEncoder().encodeInto(html, new Uint8Array(MAX_HTML_BYTES));
    return html.slice(0, used);
  }

  /** Does `text` match `glob`, where * stands for any run of characters? */
  function globMatch(glob, text) {
    const parts = glob.split("*");
    if (!text.startsWith(parts[0])) return false;
    let at = parts[0].length;
    for (const part of parts.slice(1, -1)) {
      const found = text.indexOf(part, at);
      if (found < 0) return false;
      at = found + part.length;
    }
    const last = parts.length > 1 ? parts[parts.length - 1] : null;
    return last === null ? at === text.length : text.length - last.length >= at && text.endsWith(last);
  }

  /** The platform whose url_patterns match `url` (extension match patterns; no port = any port). */
  IL.detectPlatform = function detectPlatform(url, rules) {
    let parsed;
    try {
      parsed = new URL(url);
    } catch {
      return null;
    }
    const scheme = parsed.protocol.slice(0, -1);
    const target = parsed.pathname + parsed.search;
    for (const [id, platform] of Object.entries((rules && rules.platforms) || {})) {
      for (const pattern of platform.url_patterns || []) {
        const m = /^(\*|https?):\/\/([^/]+)(\/.*)$/.exec(pattern);
        if (!m || !(m[1] === scheme || (m[1] === "*" && /^https?$/.test(scheme)))) continue;
        const [host, port] = m[2].toLowerCase().split(/:(?=[0-9]+$)/);
        const hostOk = host === "*" || host === parsed.hostname
          || (host.startsWith("*.") && (parsed.hostname === host.slice(2) || parsed.hostname.endsWith(host.slice(1))));
        if (!hostOk || (port !== undefined && port !== (parsed.port || (scheme === "https" ? "443" : "80")))) continue;
        if (globMatch(m[3], target)) return id;
      }
    }
    return null;
  };

  /** The inquiry and buyer fields on `doc`, which fields were found, and the inquiry area's HTML. */
  IL.extractInquiry = function extractInquiry(doc, rules, platformId) {
    const platform = rules && rules.platforms && rules.platforms[platformId];
    if (!platform) return null;
    const labels = rules.labels;
    let area = null;
    for (const rule of platform.inquiry_area || []) {
      area = selectOne(doc, rule.selector);
      if (area) break;
    }
    area ||= doc.documentElement;
    const found = byLabels(area, labelTable(labels));
    byJson(doc, platform.json_sources, found);
    bySelectors(doc, platform.fields, found);
    const files = attachments(doc, platform.attachments);
    if (!found.has(MESSAGE)) {
      const text = elementText(area);
      if (text) found.set(MESSAGE, text);
    }
    const hidden = new Set((labels.hidden_values || []).map((value) => value.toLowerCase()));
    const result = { platform: platformId, inquiry: { links: [], attachments: files }, buyer: {} };
    const kept = [];
    for (const [field, text] of found) {
      const value = finish(field, text, hidden);
      if (value === null) continue;
      kept.push(field);
      const dot = field.indexOf(".");
      const [part, name] = [field.slice(0, dot), field.slice(dot + 1)];
      if (name.startsWith("activity.")) (result.buyer.activity ||= {})[name.slice("activity.".length)] = value;
      else result[part][name] = value;
    }
    const links = [];
    for (const a of area.querySelectorAll("a[href]")) {
      const href = strip(a.getAttribute("href"));
      if (href && !links.includes(href)) links.push(href);
      if (links.length >= MAX_LINKS) break;
    }
    result.inquiry.links = links;
    if (files.length) kept.push("inquiry.attachments");
    if (links.length) kept.push("inquiry.links");
    result.found = kept.sort();
    result.html = cappedHtml(area);
    return result;
  };
})();
