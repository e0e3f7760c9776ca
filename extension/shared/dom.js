// DOM building for text that strangers wrote: elements and text nodes only, never HTML strings,
// and links only for http(s). Event handlers are wrapped so nothing throws into the page's console.
(() => {
  const IL = (globalThis.InquiryLens ||= {});
  if (IL.dom) return;

  /** A handler that swallows its errors (sync or async) instead of reporting them on the page. */
  function guard(fn) {
    return function guarded(...args) {
      try {
        const result = fn.apply(this, args);
        if (result && typeof result.catch === "function") result.catch(() => {});
        return result;
      } catch {
        return undefined;
      }
    };
  }

  /** The URL as a string when its scheme is http or https, else null (javascript:, data:, …). */
  function safeUrl(value) {
    try {
      const url = new URL(String(value));
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch {
      return null;
    }
  }

  function append(node, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false || child === "") continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /**
   * el("li", {class: "x", "data-part": "tips", onclick: fn}, "text", child…): attributes are set
   * one by one, strings become text nodes. href goes through link() only.
   */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name.startsWith("on") && typeof value === "function") {
        node.addEventListener(name.slice(2), guard(value));
      } else if (name !== "href" && name !== "src" && !name.startsWith("on")) {
        node.setAttribute(name, value === true ? "" : String(value));
      }
    }
    return append(node, children);
  }

  /** A link the user may open with a click: http(s) only, new tab, no opener, no referrer. */
  function link(url, text, attrs) {
    const href = safeUrl(url);
    if (!href) return el("span", attrs, text);
    const anchor = el("a", { ...attrs, target: "_blank", rel: "noopener noreferrer" }, text);
    anchor.href = href;
    return anchor;
  }

  IL.dom = { el, link, guard, safeUrl, append };
})();
