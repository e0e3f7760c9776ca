// The reply half of the sidebar: "seen before", the scam warning, the subject and draft with their
// copy buttons, the follow-up buttons, tips and research links. Text nodes only; research links
// are http(s) and open only on the user's click.
(() => {
  const IL = (globalThis.InquiryLens ||= {});
  if (IL.sidebarSections && IL.sidebarSections.reply) return;
  const { el, link } = IL.dom;
  const DEFAULT_FOLLOW_UP_DAYS = 3;

  function duplicatesSection(response, ctx) {
    const duplicates = response.duplicates || [];
    if (!duplicates.length) return null;
    const { word, formatTime } = IL.sidebarFormat;
    return el("section", { "data-part": "duplicates" },
      el("h3", {}, ctx.t("heading_duplicates", String(duplicates.length))),
      el("p", { class: "muted" }, ctx.t("duplicates_hint")),
      el("ul", {}, duplicates.map((item) => el("li", { "data-id": item.id },
        formatTime(ctx, item.received_at), " · ", word(ctx, "matched_on_", item.matched_on),
        item.status ? ` · ${word(ctx, "status_word_", item.status)}` : ""))));
  }

  function warningSection(response, ctx) {
    const warning = response.reply && response.reply.warning;
    if (!warning) return null;
    return el("section", {}, el("p", { class: "warning", "data-part": "warning", role: "alert" }, ctx.pick(warning)));
  }

  /** The local calendar date n days from today, as YYYY-MM-DD. */
  function dateInDays(n) {
    const day = new Date();
    day.setDate(day.getDate() + n);
    const pad = (value) => String(value).padStart(2, "0");
    return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
  }

  function statusButtons(response, ctx) {
    if (!response.id) return null;
    const days = el("input", { type: "number", min: "1", max: "365", value: String(DEFAULT_FOLLOW_UP_DAYS),
                               "aria-label": ctx.t("follow_up_days_label") });
    const buttons = [];
    const readDays = () => Math.min(365, Math.max(1, Number.parseInt(days.value, 10) || DEFAULT_FOLLOW_UP_DAYS));
    const send = async (status) => {
      const followUpOn = status === "follow_up" ? dateInDays(readDays()) : undefined;
      buttons.forEach((button) => { button.disabled = true; });
      let answer;
      try {
        answer = await ctx.onStatus(response.id, status, followUpOn);
      } finally {
        buttons.forEach((button) => { button.disabled = false; });
      }
      ctx.toast(answer && answer.state === "ok" ? ctx.t(`status_saved_${status}`, followUpOn || "")
        : ctx.t("status_failed", (answer && (answer.message || answer.state)) || ""));
    };
    const button = (status, text) => {
      const node = el("button", { type: "button", "data-status": status, onclick: () => send(status) }, text);
      buttons.push(node);
      return node;
    };
    const followUp = button("follow_up", ctx.t("status_follow_up", String(DEFAULT_FOLLOW_UP_DAYS)));
    days.addEventListener("input", IL.dom.guard(() => {
      followUp.textContent = ctx.t("status_follow_up", String(readDays()));
    }));
    return el("div", { class: "row", "data-part": "status-buttons" },
      button("replied", ctx.t("status_replied")), days, followUp, button("spam", ctx.t("status_spam")));
  }

  function replySection(response, ctx) {
    const reply = response.reply || {};
    const parts = [];
    if (reply.subject) {
      parts.push(el("p", { class: "subject", "data-part": "subject" }, reply.subject));
    }
    if (reply.draft) {
      parts.push(el("div", { class: "draft", "data-part": "draft", tabindex: "0" }, reply.draft));
    }
    const copyButtons = [
      reply.draft ? el("button", { type: "button", class: "primary", "data-part": "copy-draft",
                                   onclick: () => ctx.copy(reply.draft, "copied_draft") }, ctx.t("copy_draft")) : null,
      reply.subject ? el("button", { type: "button", "data-part": "copy-subject",
                                     onclick: () => ctx.copy(reply.subject, "copied_subject") }, ctx.t("copy_subject")) : null,
    ].filter(Boolean);
    if (copyButtons.length) parts.push(el("div", { class: "row" }, copyButtons));
    const status = statusButtons(response, ctx);
    if (status) parts.push(el("h3", {}, ctx.t("heading_status")), status);
    if (!parts.length) return null;
    return el("section", {}, el("h3", {}, ctx.t("heading_reply")), parts);
  }

  function tipsSection(response, ctx) {
    const tips = (response.reply && response.reply.tips) || [];
    if (!tips.length) return null;
    return el("section", {}, el("h3", {}, ctx.t("heading_tips")),
      el("ul", { "data-part": "tips" }, tips.map((tip) => el("li", { "data-code": tip.code }, "• ", ctx.pick(tip.message)))));
  }

  function researchSection(response, ctx) {
    const links = (response.research_links || []).filter((item) => IL.dom.safeUrl(item.url));
    if (!links.length) return null;
    return el("section", {}, el("h3", {}, ctx.t("heading_research")),
      el("ul", { "data-part": "research-links" }, links.map((item) => el("li", {}, link(item.url, ctx.pick(item.label))))));
  }

  Object.assign((IL.sidebarSections ||= {}), {
    duplicates: duplicatesSection,
    warning: warningSection,
    reply: replySection,
    tips: tipsSection,
    research: researchSection,
  });
})();
