"""extension/content/extract.js and backend/inquiry_lens/extraction/page_fields.py find the same fields: both run
over every demo page and a set of hard cases (extract.js in Node, on jsdom from tests/js)."""
from __future__ import annotations

import json
import shutil
import subprocess

from inquiry_lens.extraction.page_fields import extract_fields
from tests.demo_pages import demo_urls
from tests.paths import JS as JS_DIR

HARD_CASES = [  # (platform, html): what the demo pages do not exercise
    ("generic", "<pre>Message: Hello\nWe need 2,000 pcs.\nQuantity: 2,000\nEmail: omar@trade.example\nTel: -1\n</pre>"),
    ("generic", "<table><tr><td>Sender’s IP address</td><td>41.58.1.1</td></tr>"
                "<tr><td>邮箱：</td><td>wang@abc.cn</td></tr></table>"),
    ("generic", "<div><p>Email</p><p>Phone</p><p>+44 20 7946 0018</p><!-- Email: trap@x.example --></div>"),
    ("generic", "<p>Date: 2026/2/30 10:00</p><p>Registration Date: 2019年3月2日</p><p>Login Days: 1,234 days</p>"
                "<p>Total Orders: 3.5</p><p>Identity Verified: 否</p><p>Subject:</p><p>   </p><p>Hi 👋 there</p>"),
    ("generic", "<p>Name: " + "x" * 300 + "</p><p>" + "long " * 30 + ": value</p><p>Email:\u3000a@b.c\u00a0</p>"),
    ("generic", '<a href=" https://a.example/x "></a><a href="https://a.example/x">again</a><a href="">none</a>'
                '<a href="javascript:alert(1)">j</a><div data-inquiry-field="subject">  Spaced  subject </div>'),
    ("generic", "<div><noscript><p>Email: no@script.example</p></noscript><template><p>Email: t@x.example</p></template>"
                "<style>p{}</style><p>Hello</p></div>"),
    ("email", '<div class="a3s"><p>Inquiry Content:</p><div>line one<br>line two<br>Name: Ann</div></div>'
              '<h2 class="hP">Subject line</h2><span class="aV3">quote.pdf</span>'),
    ("alibaba", '<script id="customer-info" type="application/json">{"data": {"data": {"buyerInfo": {'
                '"registerDate": 1551484800000, "loginDays": "41", "totalOrderCount": -1, "companyName": 7.0,'
                ' "buyerContactInfo": {"email": " a@b.c "}, "country": NaN}}}}</script><p>Hello</p>'),
    ("alibaba", '<script id="customer-info" type="application/json">{"data": {"data": {"buyerInfo": {'
                '"loginDays": 12, "tradeSupplierCount": 1e3, "companyName": {"x": 1}}}}}</script>'),
]


def run_extract_js(rules, pages: list[dict]) -> list[dict]:
    """extract.js over each page in jsdom: [{"detected", "result"}]. The tests that call it take the
    `jsdom` fixture, which skips them when Node.js or tests/js/node_modules is missing."""
    platforms = {name.split("/", 1)[1]: rules[name] for name in rules if name.startswith("platforms/")}
    body = json.dumps({"rules": {"platforms": platforms, "labels": rules["labels"]}, "pages": pages})
    done = subprocess.run([shutil.which("node"), str(JS_DIR / "extract_pages.js")], input=body, capture_output=True,
                          text=True, encoding="utf-8", timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_both_extractors_find_the_same_fields_on_every_demo_page(app, client, rules, jsdom):
    urls = demo_urls(app)
    pages = [{"url": f"http://127.0.0.1:8765{url}", "platform": platform, "html": client.get(url).get_data(as_text=True)}
             for platform, _, url in urls]
    for page, js in zip(pages, run_extract_js(rules, pages), strict=True):
        assert js["detected"] == page["platform"], page["url"]  # the demo URLs are in the platform's url_patterns
        assert js["result"] == extract_fields(rules, page["platform"], page["html"]), page["url"]


def test_both_extractors_agree_on_the_hard_cases(rules, jsdom):
    pages = [{"url": "https://example.com/", "platform": platform, "html": html} for platform, html in HARD_CASES]
    for (platform, html), js in zip(HARD_CASES, run_extract_js(rules, pages), strict=True):
        assert js["result"] == extract_fields(rules, platform, html), html


DETECTIONS = [
    ("https://message.alibaba.com/message/maDetail.htm?imInquiryId=1#/feedback/detail/1", "alibaba"),
    ("https://onetalk.alibaba.com/message/weblitePWA.htm#/", "alibaba"),
    ("https://membercenter.made-in-china.com/inquiry/detail.do?id=9", "made_in_china"),
    ("https://made-in-china.com/", "made_in_china"),
    ("https://mail.google.com/mail/u/0/#inbox/abc", "email"),
    ("http://localhost:8765/demo/global_sources/inquiry.html?id=1001", "global_sources"),
    ("http://127.0.0.1:9999/demo/email/exmail.html", "email"),
    ("http://127.0.0.1:8765/demo/", None),
    ("https://evil-made-in-china.com/", None),
    ("https://www.alibaba.com/", None),
    ("not a url", None),
]


def test_the_platform_is_detected_from_the_url(rules, jsdom):
    pages = [{"url": "https://example.com/", "platform": "generic", "html": "", "detect": url} for url, _ in DETECTIONS]
    found = [js["detected_url"] for js in run_extract_js(rules, pages)]
    assert found == [platform for _, platform in DETECTIONS]
