// The verdict half of the sidebar: badge, score, intent, buyer type, reply timing with a live
// countdown, the reasons worst first, and the contact checks. Text nodes only.
(() => {
  const IL = (globalThis.InquiryLens ||= {});
  if (IL.sidebarSections && IL.sidebarSections.verdict) return;
  const { el } = IL.dom;

  /** A code's UI word (`intent_spam` …), or the code itself for codes added after this version. */
  function word(ctx, prefix, code) {
    if (code === null || code === undefined) return "";
    return IL.i18n.has(prefix + code) ? ctx.t(prefix + code) : String(code);
  }

  /** "捷克 (CZ)" / "Czechia (CZ)" from the names the backend sends (no Intl: its data costs ~10 ms to load). */
  function regionName(ctx, code, names) {
    if (!code) return "";
    const name = names && names[code] ? ctx.pick(names[code]) : "";
    return name && name !== code ? `${name} (${code})` : String(code);
  }

  /**
   * An ISO time as the wall clock of its own offset: the backend writes deadlines in the seller's
   * settings zone, and its rules ("by 15:00") speak of that clock. Built by hand: the first
   * Intl.DateTimeFormat in a page loads time-zone data for ~10 ms, too much for the first render.
   */
  function wallParts(iso) {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return null;
    const offset = /([+-])(\d{2}):?(\d{2})$/.exec(String(iso));
    const minutes = offset ? (offset[1] === "-" ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : 0;
    const wall = new Date(date.getTime() + minutes * 60000);
    const pad = (n) => String(n).padStart(2, "0");
    return { wall, time: `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}` };
  }

  /** "11月26日 周四 16:00" / "Thu 26 Nov, 16:00". */
  function formatTime(ctx, iso) {
    const parts = wallParts(iso);
    if (!parts) return String(iso || "");
    const { wall, time } = parts;
    const month = ctx.t("months").split(" ")[wall.getUTCMonth()] || String(wall.getUTCMonth() + 1);
    const weekday = ctx.t(`weekday_${wall.getUTCDay() || 7}`);
    return ctx.t("date_time", weekday, String(wall.getUTCDate()), month, time);
  }

  function clock(ctx, iso) {
    const parts = wallParts(iso);
    return parts ? parts.time : "";
  }

  /** 2:05:09 for a span of milliseconds; "3 天 2:05:09" past a day. */
  function duration(ctx, ms) {
    const total = Math.floor(Math.abs(ms) / 1000);
    const pad = (n) => String(n).padStart(2, "0");
    const days = Math.floor(total / 86400);
    const clockPart = `${Math.floor(total / 3600) % 24}:${pad(Math.floor(total / 60) % 60)}:${pad(total % 60)}`;
    return days ? `${ctx.t("duration_days", String(days))} ${clockPart}` : clockPart;
  }

  function fact(name, value, part, attrs) {
    return [el("dt", {}, name), el("dd", { "data-part": part, ...attrs }, value)];
  }

  function verdictSection(response, ctx) {
    const { credibility, intent, buyer_type: buyerType, badge, decision_maker: decisionMaker } = response.verdict;
    const intentText = word(ctx, "intent_", intent.category) + (intent.subtype ? ` · ${word(ctx, "subtype_", intent.subtype)}` : "");
    const decision = decisionMaker === true ? ctx.t("yes") : decisionMaker === false ? ctx.t("no") : ctx.t("unknown");
    return el("section", {},
      el("div", { class: `badge ${badge.color}`, "data-part": "badge", "data-color": badge.color }, ctx.pick(badge.label)),
      el("dl", { class: "facts" },
        fact(ctx.t("label_score"), `${credibility.score} / 100 · ${word(ctx, "level_", credibility.level)}`, "score",
             { "data-level": credibility.level }),
        fact(ctx.t("label_intent"), intentText, "intent", { "data-category": intent.category }),
        fact(ctx.t("label_buyer_type"), word(ctx, "buyer_type_", buyerType.type), "buyer-type", { "data-type": buyerType.type }),
        fact(ctx.t("label_decision_maker"), decision, "decision-maker"),
        fact(ctx.t("label_priority"), word(ctx, "priority_", response.reply.priority), "priority")));
  }

  function timingSection(response, ctx) {
    const reply = response.reply;
    if (!reply.reply_by) {
      return el("section", {}, el("h3", {}, ctx.t("heading_timing")),
        el("p", { "data-part": "reply-by" }, word(ctx, "priority_", reply.priority)));
    }
    const deadline = new Date(reply.reply_by).getTime();
    const countdown = el("span", { class: "countdown", "data-part": "countdown" });
    const tick = () => {
      const left = deadline - Date.now();
      countdown.toggleAttribute("data-overdue", left < 0);
      countdown.textContent = left >= 0 ? ctx.t("countdown_left", duration(ctx, left)) : ctx.t("countdown_overdue", duration(ctx, left));
    };
    tick();
    ctx.every(1000, tick);
    const section = el("section", {}, el("h3", {}, ctx.t("heading_timing")),
      el("p", { "data-part": "reply-by" }, ctx.t("reply_by", formatTime(ctx, reply.reply_by)), " ", countdown));
    const window = reply.send_window;
    if (window && window.start && window.end) {
      const theirs = el("span", {});
      section.append(el("p", { "data-part": "send-window" },
        ctx.t("send_window", `${clock(ctx, window.start)}–${clock(ctx, window.end)}`), theirs));
      const buyer = reply.buyer_window;
      if (reply.buyer_timezone && buyer && buyer.start && buyer.end) {
        theirs.textContent = ` · ${ctx.t("buyer_local", `${clock(ctx, buyer.start)}–${clock(ctx, buyer.end)}`, reply.buyer_timezone)}`;
      }
    }
    if (reply.rule) section.append(el("p", { class: "muted", "data-rule": reply.rule }, word(ctx, "rule_", reply.rule)));
    return section;
  }

  const MARKS = { bad: "−", good: "+", info: "·" };

  function reasonsSection(response, ctx) {
    // Worst first: the most negative weight on top; equal weights keep the backend's order.
    const signals = [...response.signals].sort((a, b) => a.weight - b.weight);
    const list = el("ul", { "data-part": "reasons" }, signals.map((signal) =>
      el("li", { class: `reason ${signal.polarity}`, "data-code": signal.code },
        el("span", { class: "mark" }, MARKS[signal.polarity] || "·"),
        el("span", {}, ctx.pick(signal.message), signal.evidence ? el("span", { class: "evidence" }, signal.evidence) : null),
        el("span", { class: "weight" }, signal.weight > 0 ? `+${signal.weight}` : String(signal.weight)))));
    return el("section", {}, el("details", { open: true },
      el("summary", {}, ctx.t("heading_reasons", String(signals.length))), list));
  }

  function tag(text, kind) {
    return el("span", { class: `tag ${kind || ""}` }, text);
  }

  function row(name, key, value, ...tags) {
    return el("div", { class: "check", "data-check": key }, el("span", { class: "name" }, name), value || "", " ", ...tags);
  }

  function phoneRow(ctx, key, check, names) {
    if (!check) return null;
    const location = ctx.locale.startsWith("zh") && check.location_zh ? check.location_zh : check.location;
    return row(ctx.t(`check_${key}`), key, check.international || check.e164 || check.input,
      check.valid ? tag(ctx.t("valid"), "good") : tag(ctx.t("invalid"), "bad"),
      check.region ? tag(regionName(ctx, check.region, names)) : null,
      check.type && check.type !== "unknown" ? tag(word(ctx, "phone_type_", check.type)) : null,
      location ? tag(location) : null);
  }

  function emailRow(ctx, check) {
    if (!check) return null;
    const corporate = check.valid_syntax && !check.free_provider && !check.disposable;
    return row(ctx.t("check_email"), "email", check.input,
      check.valid_syntax ? null : tag(ctx.t("invalid"), "bad"),
      check.free_provider ? tag(ctx.t("email_free"), "bad") : null,
      check.disposable ? tag(ctx.t("email_disposable"), "bad") : null,
      corporate ? tag(ctx.t("email_corporate"), "good") : null,
      check.role_account ? tag(ctx.t("email_role")) : null,
      check.matches_website === true ? tag(ctx.t("email_matches_website"), "good") : null,
      check.matches_website === false ? tag(ctx.t("email_mismatch_website"), "bad") : null);
  }

  function websiteRow(ctx, check) {
    if (!check) return null;
    return row(ctx.t("check_website"), "website", check.registrable_domain || check.input,
      check.punycode ? tag(ctx.t("website_punycode"), "bad") : null,
      check.lookalike_of ? tag(ctx.t("website_lookalike", check.lookalike_of), "bad") : null);
  }

  function ipRow(ctx, check, countries) {
    if (!check) return null;
    const claimed = countries && countries.claimed;
    let versus = null;
    if (claimed && check.country) {
      versus = claimed === check.country ? tag(ctx.t("ip_matches_claim"), "good")
        : tag(ctx.t("ip_vs_claim", regionName(ctx, claimed, countries.names)), "bad");
    }
    return row(ctx.t("check_ip"), "ip", check.input,
      check.country ? tag(regionName(ctx, check.country, countries && countries.names)) : null,
      check.city ? tag(check.city) : null,
      check.valid && !check.public ? tag(ctx.t("ip_not_public"), "bad") : null,
      versus);
  }

  function countriesRow(ctx, countries) {
    if (!countries || countries.consistent !== false) return null;
    const parts = ["claimed", "phone", "mobile", "fax", "ip", "email_cctld", "website_cctld"]
      .filter((key) => countries[key])
      .map((key) => `${ctx.t(`country_${key}`)} ${countries[key]}`);
    return row(ctx.t("check_countries"), "countries", parts.join(" · "), tag(ctx.t("countries_inconsistent"), "bad"));
  }

  function linkRows(ctx, links, signals) {
    const messages = new Map(signals.map((signal) => [signal.code, signal.message]));
    return (links || []).map((link) => row(ctx.t("check_link"), "link", link.url,  // text only: never clickable
      tag(word(ctx, "risk_", link.risk), link.risk === "ok" ? "good" : "bad"),
      (link.reasons || []).map((code) => tag(messages.has(code) ? ctx.pick(messages.get(code)) : code))));
  }

  function checksSection(response, ctx) {
    const checks = response.checks || {};
    const names = (checks.countries && checks.countries.names) || {};
    const rows = [
      phoneRow(ctx, "phone", checks.phone, names), phoneRow(ctx, "mobile", checks.mobile, names),
      phoneRow(ctx, "fax", checks.fax, names),
      emailRow(ctx, checks.email), websiteRow(ctx, checks.website), ipRow(ctx, checks.ip, checks.countries),
      checks.address ? row(ctx.t("check_address"), "address", checks.address.input,
        checks.address.detailed ? tag(ctx.t("address_detailed"), "good") : tag(ctx.t("address_vague"), "bad")) : null,
      countriesRow(ctx, checks.countries),
      ...linkRows(ctx, checks.links, response.signals),
    ].filter(Boolean);
    return el("section", {}, el("details", { open: true }, el("summary", {}, ctx.t("heading_checks")),
      el("div", { "data-part": "checks" }, rows.length ? rows : el("p", { class: "muted" }, ctx.t("checks_none")))));
  }

  IL.sidebarFormat = { word, regionName, formatTime, duration };

  // Section builders by name; sidebar.js puts them in reading order.
  Object.assign((IL.sidebarSections ||= {}), {
    verdict: verdictSection,
    timing: timingSection,
    reasons: reasonsSection,
    checks: checksSection,
  });
})();
