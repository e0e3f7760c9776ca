"""The demo: pages that reproduce each platform's inquiry layout (the DOM that the selectors and
labels in shared_rules/platforms target), filled with example inquiries written for the demo, so
a newcomer sees the extension work without a platform account.

Every string reaches the page through Jinja's autoescape, so a hostile inquiry shows as text. The
one script (static/demo/message_centre.js) builds DOM with textContent only.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from importlib import resources

from flask import Blueprint, abort, jsonify, render_template, request, url_for

demo = Blueprint("demo", __name__, url_prefix="/demo", template_folder="templates",
                 static_folder="static/demo", static_url_path="/static")

HIDDEN = "客户隐藏"  # what the Alibaba card shows for a figure the buyer hid (-1 in its data)
CONTACT_ROWS = [("公司名称", "company"), ("邮箱", "email"), ("电话号码", "phone"), ("手机号码", "mobile"),
                ("传真", "fax"), ("公司网站", "website"), ("地址", "address")]
ACTIVITY_ROWS = [("注册日期", "registerDate"), ("登录天数", "loginDays"), ("产品浏览数", "productViewCount"),
                 ("有效询价数", "validInquiryCount"), ("回复询价数量", "repliedInquiryCount"),
                 ("垃圾询盘数", "spamInquiryMarkedBySupplierCount"), ("被加为黑名单数", "addedToBlacklistCount"),
                 ("订单总数", "totalOrderCount"), ("订单总金额", "totalOrderVolume"),
                 ("交易供应商数", "tradeSupplierCount")]


@dataclass(frozen=True)
class Page:
    platform: str
    endpoint: str
    param: str
    title_zh: str
    title_en: str


PAGES = [
    Page("alibaba", "demo.alibaba_message_centre", "imInquiryId", "阿里巴巴 询盘列表（单页应用）",
         "Alibaba message centre (single page)"),
    Page("alibaba", "demo.alibaba_detail", "imInquiryId", "阿里巴巴 询盘详情", "Alibaba inquiry detail"),
    Page("alibaba", "demo.alibaba_onetalk", "id", "阿里巴巴 OneTalk 工作台", "Alibaba OneTalk workbench"),
    Page("made_in_china", "demo.made_in_china", "id", "中国制造网 询盘详情", "Made-in-China.com inquiry"),
    Page("global_sources", "demo.global_sources", "id", "环球资源 询盘详情", "Global Sources inquiry"),
    Page("email", "demo.gmail", "id", "Gmail 中的询盘通知邮件", "Notification e-mail in Gmail"),
    Page("email", "demo.exmail", "id", "腾讯企业邮箱中的询盘通知邮件", "Notification e-mail in Tencent Exmail"),
]


@lru_cache(maxsize=1)
def inquiries() -> dict[str, dict]:
    """The demo inquiries by id, in file order."""
    text = (resources.files("inquiry_lens.web") / "demo_data" / "inquiries.json").read_text(encoding="utf-8")
    return {item["id"]: item for item in json.loads(text)["inquiries"]}


def chosen(param: str) -> dict:
    """The inquiry the query string names (the first one by default); 404 for an unknown id."""
    items = inquiries()
    wanted = request.args.get(param) or next(iter(items))
    if wanted not in items:
        abort(404, description=f"no demo inquiry {wanted!r}")
    return items[wanted]


def links(item: dict) -> list[dict]:
    """The inquiry's links; only http(s) ones become anchors, the rest stay text."""
    return [{"url": url, "anchor": url.lower().startswith(("http://", "https://"))} for url in item["links"]]


def shown(value) -> str:
    """A platform figure as its card shows it."""
    return HIDDEN if value in (-1, "-1") else str(value)


def alibaba_detail_view(item: dict) -> dict:
    """What the Alibaba detail pane shows (plain lists, as JSON gives them back); the template and the
    single-page script both render it."""
    buyer = item["buyer"]
    meta = [["产品", item["product"], "product-name"], ["数量", item["quantity"], "product-quantity"],
            ["询盘时间", item["received_at"], "inquiry-time"], ["IP地址", buyer["ip"], "buyer-ip"],
            ["IP所在地", buyer["ip_location"], "ip-location"]]
    return {
        "id": item["id"], "subject": item["subject"], "message": item["message"],
        "buyer_name": buyer["name"], "received_at": item["received_at"],
        "meta": [row for row in meta if row[1]],
        "attachments": [a["name"] for a in item["attachments"]], "links": links(item),
        "card": {
            "name": buyer["name"], "country": buyer["country"],
            "contact": [[label, buyer[key]] for label, key in CONTACT_ROWS if buyer[key]],
            "activity": [[label, shown(item["activity"][key]), key] for label, key in ACTIVITY_ROWS],
        },
    }


def customer_info(item: dict) -> dict:
    """The customer card's data in the shape of Alibaba's customer-info response (dates as Unix seconds)."""
    buyer, activity = item["buyer"], dict(item["activity"])
    registered = datetime.fromisoformat(activity.pop("registerDate")).replace(tzinfo=timezone.utc)
    return {"data": {"data": {"buyerInfo": {
        "companyName": buyer["company"], "companyWebSite": buyer["website"], "country": buyer["country"],
        "registerDate": int(registered.timestamp()), **activity,
        "buyerContactInfo": {"email": buyer["email"], "mobileNumber": buyer["mobile"], "phoneNumber": buyer["phone"]},
    }}}}


def page(template: str, item: dict, platform: str, **context):
    return render_template(f"demo/{template}", item=item, platform=platform, links=links(item),
                           items=list(inquiries().values()), **context)


@demo.get("/")
def index():
    """Every demo page, for every example inquiry."""
    table = [{"page": p, "urls": [(item, url_for(p.endpoint, **{p.param: item["id"]})) for item in inquiries().values()]}
             for p in PAGES]
    return render_template("demo/index.html", table=table, items=list(inquiries().values()))


@demo.get("/alibaba/message/default.htm")
def alibaba_message_centre():
    """The message centre: the list on the left, the inquiry named by the URL hash on the right."""
    item = chosen("imInquiryId")
    return page("alibaba_message_centre.html", item, "alibaba", detail=alibaba_detail_view(item))


@demo.get("/alibaba/message/maDetail.htm")
def alibaba_detail():
    item = chosen("imInquiryId")
    return page("alibaba_detail.html", item, "alibaba", detail=alibaba_detail_view(item))


@demo.get("/alibaba/message/detail.json")
def alibaba_detail_json():
    """The detail pane's data for the single-page message centre."""
    return jsonify(alibaba_detail_view(chosen("imInquiryId")))


@demo.get("/alibaba/onetalk/weblitePWA.htm")
def alibaba_onetalk():
    item = chosen("id")
    return page("alibaba_onetalk.html", item, "alibaba", customer=customer_info(item))


@demo.get("/made_in_china/inquiry.html")
def made_in_china():
    return page("made_in_china.html", chosen("id"), "made_in_china")


@demo.get("/global_sources/inquiry.html")
def global_sources():
    return page("global_sources.html", chosen("id"), "global_sources")


@demo.get("/email/gmail.html")
def gmail():
    return page("gmail.html", chosen("id"), "email")


@demo.get("/email/exmail.html")
def exmail():
    return page("exmail.html", chosen("id"), "email")
