// The sidebar's stylesheet. It lives inside the shadow root, so the page's CSS cannot reach the
// sidebar and the sidebar's CSS cannot reach the page; `all: initial` on the host resets what the
// page's own rules could still set on our element.
(() => {
  const IL = (globalThis.InquiryLens ||= {});
  if (IL.applySidebarStyle) return;

  const CSS = `
:host {
  all: initial !important;
  position: fixed !important;
  top: 0 !important;
  right: 0 !important;
  bottom: 0 !important;
  left: auto !important;
  z-index: 2147483600 !important;
  display: block !important;
  width: 360px !important;
  max-width: 92vw !important;
  visibility: visible !important;
  opacity: 1 !important;
  transform: none !important;
  contain: layout style !important;
}
:host([collapsed]) { top: 35% !important; bottom: auto !important; width: 30px !important; }
@media print { :host { display: none !important; } }

.frame {
  position: relative; box-sizing: border-box; height: 100%; display: flex; flex-direction: column;
  background: #fff; color: #1f2328; border-left: 1px solid #d0d7de;
  box-shadow: -4px 0 16px rgba(0, 0, 0, .12);
  font: 13px/1.5 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif;
  text-align: left; direction: ltr;
}
:host([collapsed]) .frame { display: none; }
* { box-sizing: border-box; }

.tab {
  display: none; width: 30px; padding: 10px 0; border: 1px solid #d0d7de; border-right: 0;
  border-radius: 6px 0 0 6px; background: #fff; box-shadow: -2px 2px 8px rgba(0, 0, 0, .15);
  cursor: pointer; font: 12px/1.2 system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; color: #1f2328;
  writing-mode: vertical-rl; text-orientation: mixed; align-items: center; gap: 6px;
}
:host([collapsed]) .tab { display: flex; }
.dot { width: 10px; height: 10px; border-radius: 50%; background: #8c959f; writing-mode: horizontal-tb; }

header {
  display: flex; align-items: center; gap: 8px; padding: 8px 10px; border-bottom: 1px solid #d0d7de;
  background: #f6f8fa; font-weight: 600;
}
header .title { flex: 1; }
button {
  font: inherit; font-weight: normal; color: #1f2328; background: #f6f8fa; border: 1px solid #d0d7de;
  border-radius: 6px; padding: 3px 10px; cursor: pointer;
}
button:hover { background: #eaeef2; }
button:focus-visible, a:focus-visible, summary:focus-visible { outline: 2px solid #0969da; outline-offset: 1px; }
button.primary { background: #1f883d; border-color: #1a7f37; color: #fff; font-weight: 600; }
button.primary:hover { background: #1a7f37; }
button.icon { padding: 0 8px; font-size: 16px; line-height: 22px; }
input[type=number] { font: inherit; width: 4em; padding: 2px 4px; border: 1px solid #d0d7de; border-radius: 6px; }

.body { flex: 1; overflow-y: auto; padding: 10px 12px 24px; }
section { margin: 0 0 12px; }
h3 { margin: 0 0 4px; font-size: 12px; font-weight: 600; color: #57606a; text-transform: uppercase; }
p { margin: 0 0 6px; }
ul { margin: 0; padding: 0; list-style: none; }
li { margin: 0 0 6px; }
a { color: #0969da; text-decoration: none; }
a:hover { text-decoration: underline; }
code, pre { font-family: ui-monospace, "Cascadia Mono", Consolas, monospace; }
code { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 4px; padding: 1px 5px; user-select: all; }
.muted { color: #57606a; font-size: 12px; }
.evidence { display: block; color: #57606a; font-size: 12px; overflow-wrap: anywhere; }
details > summary { cursor: pointer; font-weight: 600; color: #57606a; font-size: 12px; margin-bottom: 4px; }

.badge { display: block; padding: 8px 10px; border-radius: 6px; color: #fff; font-size: 15px; font-weight: 700; }
.green { background: #1a7f37; } .amber { background: #9a6700; } .red { background: #cf222e; } .grey { background: #6e7781; }
.dot.green, .dot.amber, .dot.red, .dot.grey { border: 0; }
.facts { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin-top: 8px; }
.facts dt { color: #57606a; } .facts dd { margin: 0; overflow-wrap: anywhere; }

.warning { border: 1px solid #cf222e; background: #ffebe9; color: #82071e; border-radius: 6px; padding: 8px 10px; font-weight: 600; }
.countdown { font-variant-numeric: tabular-nums; font-weight: 700; }
.countdown[data-overdue] { color: #cf222e; }

.reason { display: grid; grid-template-columns: 14px 1fr auto; gap: 0 6px; }
.reason .mark { font-weight: 700; }
.reason.bad .mark { color: #cf222e; } .reason.good .mark { color: #1a7f37; } .reason.info .mark { color: #57606a; }
.weight { color: #57606a; font-variant-numeric: tabular-nums; }
.check { padding: 4px 0; border-bottom: 1px dashed #eaeef2; overflow-wrap: anywhere; }
.check .name { font-weight: 600; margin-right: 6px; }
.tag { display: inline-block; margin: 0 4px 0 0; padding: 0 6px; border-radius: 10px; font-size: 11px; background: #eaeef2; }
.tag.bad { background: #ffebe9; color: #82071e; } .tag.good { background: #dafbe1; color: #116329; }

.subject { font-weight: 600; overflow-wrap: anywhere; }
.draft {
  white-space: pre-wrap; overflow-wrap: anywhere; max-height: 260px; overflow-y: auto; margin: 6px 0;
  padding: 8px; background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; font: inherit;
}
.row { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 4px 0; }

.state { padding: 8px 0; }
.state[data-state=not_running], .state[data-state=incompatible], .state[data-state=error] { color: #82071e; }
.spinner {
  width: 22px; height: 22px; margin: 12px auto; border: 3px solid #d0d7de; border-top-color: #0969da;
  border-radius: 50%; animation: spin .8s linear infinite;
}
@keyframes spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .spinner { animation-duration: 3s; } }

.toast {
  position: absolute; left: 50%; bottom: 16px; transform: translateX(-50%); padding: 6px 12px;
  border-radius: 6px; background: #1f2328; color: #fff; font-size: 12px; opacity: 0; pointer-events: none;
  transition: opacity .15s;
}
.toast[data-shown] { opacity: .95; }
.copy-buffer { position: fixed; left: -9999px; top: 0; opacity: 0; }
`;

  let sheet = null;

  /** Adopt the one shared constructable sheet; a <style> node where adopting is not allowed. */
  IL.applySidebarStyle = function applySidebarStyle(root) {
    try {
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
      }
      root.adoptedStyleSheets = [sheet];
      return;
    } catch {
      // Firefox content scripts may not adopt a sheet built in their own compartment.
    }
    const style = document.createElement("style");
    style.textContent = CSS;
    root.prepend(style);
  };
})();
