// Runs extension/content/extract.js over pages in jsdom, for tests/extraction/test_extract_parity.py.
// stdin: {"rules": {"platforms": {...}, "labels": {...}}, "pages": [{"url", "platform", "html", "detect"?}]}
// stdout: per page {"detected": the platform of its url, "detected_url": that of `detect`, "result"
// without its html, "html_length"}.
const fs = require("node:fs");
const path = require("node:path");
const { JSDOM } = require("jsdom");

require(path.join(__dirname, "..", "..", "extension", "content", "extract.js"));
const IL = globalThis.InquiryLens;

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const output = input.pages.map((page) => {
  const dom = new JSDOM(page.html, { url: page.url }); // scripts are not run: the page as served
  // jsdom parses <noscript> as if scripting were off; a browser holds its content as one text node.
  for (const element of dom.window.document.querySelectorAll("noscript")) element.replaceChildren(element.innerHTML);
  const result = IL.extractInquiry(dom.window.document, input.rules, page.platform);
  const html = result.html;
  delete result.html;
  const detectedUrl = page.detect === undefined ? null : IL.detectPlatform(page.detect, input.rules);
  return { detected: IL.detectPlatform(page.url, input.rules), detected_url: detectedUrl, result, html_length: html.length };
});
process.stdout.write(JSON.stringify(output));
