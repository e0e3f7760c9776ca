// The demo message centre behaves like the platform's single-page app: the URL hash
// (#feedback/<id>) names the inquiry, and the detail pane is rebuilt from detail.json without a
// page load. It builds the same structure as templates/demo/_alibaba_detail.html, with
// createElement and textContent only: the inquiry text is a stranger's and stays text.
(() => {
  const script = document.currentScript;
  const detailUrl = script.dataset.detailUrl;
  const pane = document.getElementById("detail-pane");

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function list(className, rows, build) {
    const ul = el("ul", className);
    rows.forEach((row) => ul.append(build(row)));
    return ul;
  }

  function pair(itemClass, labelClass, valueClass, label, value) {
    const li = el("li", itemClass);
    li.append(el("span", labelClass, label), el("span", valueClass, value));
    return li;
  }

  function linkItem(link) {
    const li = el("li");
    if (link.anchor) {
      const a = el("a", "", link.url);
      a.href = link.url;
      a.rel = "noopener noreferrer";
      a.target = "_blank";
      li.append(a);
    } else {
      li.append(el("span", "link-text", link.url));
    }
    return li;
  }

  function render(d) {
    const detail = el("div", "inquiry-detail");
    detail.dataset.inquiryId = d.id;

    const head = el("div", "inquiry-head");
    head.append(el("h2", "subject", d.subject),
      list("inquiry-meta", d.meta, ([label, value, cls]) => pair("", "meta-label", `meta-value ${cls}`, label, value)));

    const base = el("div", "item-base-info");
    base.append(el("span", "name", d.buyer_name), el("span", "time", d.received_at));
    const content = el("div", "user-content");
    content.append(base, el("div", "session-rich-content text", d.message));
    if (d.attachments.length) content.append(list("attachment-list", d.attachments, (name) => el("li", "attachment-name", name)));
    if (d.links.length) content.append(list("link-list", d.links, linkItem));
    const wrapper = el("div", "message-item-wrapper item-left");
    wrapper.append(content);
    const chat = el("div", "common-load-more");
    chat.append(wrapper);

    const card = el("div", "customer-card");
    const cardBase = el("div", "customer-base");
    cardBase.append(el("span", "customer-name", d.card.name), el("span", "customer-country", d.card.country));
    const behaviour = list("buyer-behavior", d.card.activity, ([label, value, key]) => {
      const li = pair("", "behavior-label", "behavior-value", label, value);
      li.dataset.key = key;
      return li;
    });
    card.append(cardBase,
      list("customer-contact", d.card.contact, ([label, value]) => pair("", "contact-label", "contact-value", label, value)),
      behaviour);

    detail.append(head, chat, card);
    pane.replaceChildren(detail);
  }

  function markActive(id) {
    document.querySelectorAll(".inquiry-item").forEach((item) => {
      item.classList.toggle("active", item.dataset.id === id);
    });
  }

  async function show() {
    const match = /^#feedback\/([A-Za-z0-9_-]+)$/.exec(window.location.hash);
    const current = pane.querySelector(".inquiry-detail");
    if (!match || (current && current.dataset.inquiryId === match[1])) return;
    markActive(match[1]);
    try {
      const response = await fetch(`${detailUrl}?imInquiryId=${encodeURIComponent(match[1])}`);
      if (response.ok) render(await response.json());
    } catch {
      // the demo server stopped: keep showing the last inquiry
    }
  }

  window.addEventListener("hashchange", show);
  show();
})();
