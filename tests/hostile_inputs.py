"""What a stranger may write into an inquiry: hand-made hostile values per field, whole hostile request
bodies, and hypothesis strategies for generated request bodies.

The tests prove that each is answered without an error; bench/core.py times every one of them against
the budget of docs/ARCHITECTURE.md, "Budgets" ("any input, however long or strange": ≤ 100 ms), so a
timed assertion never runs on a shared test machine."""
from __future__ import annotations

from hypothesis import strategies as st

LONG = "x" * 100_000

# --- whole request bodies (POST /api/v1/analyze) --------------------------------------------------

CASES = {
    "100k message": {"inquiry": {"message": LONG}},
    "100k in every buyer field": {"inquiry": {"message": "hi"}, "buyer": dict.fromkeys((
        "name", "title", "company", "email", "phone", "mobile", "fax", "website", "address", "country", "ip"), LONG)},
    "NUL bytes": {"inquiry": {"subject": "\x00" * 1000, "message": "quote\x00 500\x00pcs" * 1000},
                  "buyer": {"email": "a\x00@b.com", "phone": "+1\x00212\x00555\x000100"}},
    "emoji": {"inquiry": {"message": "🙂🔥📦" * 20_000}, "buyer": {"name": "👨‍👩‍👧" * 100, "email": "😀@😀.com"}},
    "right to left": {"inquiry": {"message": "\u202eمرحبا، نريد عرض سعر لـ 500 قطعة " * 2_000},
                      "buyer": {"company": "\u202eشركة النور للتجارة", "country": "السعودية"}},
    "500 links": {"inquiry": {"message": " ".join(f"https://site{i}.example/login?x={i}" for i in range(500)),
                              "links": [f"http://bit.ly/{i}" for i in range(500)]}},
    "500 attachments": {"inquiry": {"message": "see files",
                                    "attachments": [{"name": f"PO_{i}.pdf.exe"} for i in range(500)]}},
    "deep html": {"html": "<div>" * 5_000 + "Email: a@b.com" + "</div>" * 5_000},
    "digits": {"inquiry": {"message": "1" * 100_000, "quantity": "9" * 1000}},
    "separators": {"inquiry": {"message": "1, " * 30_000}},
}

# --- one field at a time, as each check's tests feed its stage ------------------------------------

ADDRESSES = ["12 Main Street, " * 7000, "\x00" * 100_000, "🏠" * 50_000, "\u202b12 شارع الملك فهد، الرياض\u202c",
             "1" * 100_000, "1-" * 50_000, "a1 " * 33_000, "路" * 100_000, ("Straße " * 10_000) + "5"]

COUNTRIES = ["United States" * 8000, "\x00" * 100_000, "🇺🇸" * 30_000, "\u202eASU\u202c", "美" * 100_000, ", " * 50_000]

TITLES = ["CEO " * 25_000, "\x00" * 100_000, "👔" * 50_000, "\u202eرئيس\u202c", "assistant " * 10_000 + "director",
          "a" * 100_000, "-" * 100_000, "总经理" * 30_000]

IPS = ["1" * 100_000, "41.58.1.1\x00" * 10_000, "🙂" * 50_000, "\u202e1.1.85.14\u202c", ":" * 100_000,
       "a:" * 50_000, "8.8.8.8 " + "x" * 100_000, "\x00", 10**5000, ["8.8.8.8"]]

PHONES = {
    "100k digits": "9" * 100_000,
    "100k digits and spaces": "1 " * 50_000,
    "100k spaces": " " * 100_000,
    "100k pluses and brackets": "(+" * 50_000,
    "100k separators": "/1" * 50_000,
    "100k extension markers": "ext 1" * 20_000,
    "100k x": "x" * 100_000,
    "NUL bytes": "\x00" * 100_000,
    "NUL inside a number": "+86\x00138\x000013\x008000",
    "emoji": "📞😀" * 50_000,
    "right-to-left text": ("\u202eرقم الهاتف \u200f+971 50 123 4567\u202c ") * 3_000,
    "Arabic-Indic digits": "٣" * 100_000,
    "expanding under NFKC": "\ufdfa" * 100_000,
    "lone surrogate": "+86 138 \ud800 0013 8000",
}

MESSAGES = ["a" * 100_000, "free " * 20_000, "\x00" * 50_000, "🙂" * 30_000, "\u202e" + "مرحبا " * 10_000,
            "1" * 100_000, "1 x " * 25_000, ("Dear Sir, " * 10_000), "-" * 100_000, "model AB-" * 10_000]

ACTIVITIES = {
    "garbled figures": {"registered_at": "\x00" * 100_000, "spam_marked": "9" * 100_000 + "x", "blacklisted": "1" * 5000,
                        "orders": 10**5000, "verified": "\u202eyes\u202c" * 1000},
    "huge order volume": {"orders": 1, "order_volume": "💰" * 100_000, "registered_at": "٢٠٢٦-١١-٢٠"},
}

CONTACT = {  # the e-mail check's fields at once
    "email": "\x00" * 50_000 + "a@b😀.com" + "ا" * 50_000,
    "website": "http://" + "\u202e" * 100_000,
    "company": "😀\x00" * 50_000,
    "name": "\u200f" * 1000,
    "email_verified": "yes",
}


def link_inquiry() -> tuple[dict, dict]:
    """(inquiry, buyer): 500 links, a 100k message of mixed scripts, a 100k attachment name."""
    links = [f"https://host{i}-login.example{i % 7}.com/p/{i}" for i in range(500)]
    filler = "Hello \x00 world 😀 مرحبا بالعالم \u202e txet שלום "
    message = (filler * 3000)[:80_000] + " ".join(links[:250]) + " www." * 2000
    inquiry = {
        "subject": "\x00" * 1000 + "😀" * 1000,
        "message": message[:100_000].ljust(100_000, "x"),
        "links": [*links, "http://[::1", "http://" + "a" * 5000, "javascript:" + "(" * 5000],
        "attachments": [{"name": "a" * 100_000 + ".pdf.exe"}, {"name": "\x00😀.txt"}],
    }
    buyer = {"email": "\x00" * 100_000, "website": "\u202b" * 100_000, "company": "😀" * 100_000}
    return inquiry, buyer


def every_request() -> dict[str, dict]:
    """Every hostile input above as a request body, by name: what bench/core.py times."""
    hi = {"message": "hi"}
    bodies = {f"request: {name}": body for name, body in CASES.items()}
    bodies |= {f"address {i}": {"inquiry": hi, "buyer": {"address": v}} for i, v in enumerate(ADDRESSES)}
    bodies |= {f"country {i}": {"inquiry": hi, "buyer": {"country": v}} for i, v in enumerate(COUNTRIES)}
    bodies |= {f"title {i}": {"inquiry": hi, "buyer": {"title": v}} for i, v in enumerate(TITLES)}
    bodies |= {f"ip {i}": {"inquiry": hi, "buyer": {"ip": v}} for i, v in enumerate(IPS)}
    bodies |= {f"phone: {name}": {"inquiry": hi, "buyer": {"phone": v, "mobile": v, "fax": v, "country": "DE"}}
               for name, v in PHONES.items()}
    bodies |= {f"message {i}": {"inquiry": {"subject": v[:1000], "message": v}} for i, v in enumerate(MESSAGES)}
    bodies |= {f"activity: {name}": {"inquiry": hi, "buyer": {"activity": v}} for name, v in ACTIVITIES.items()}
    bodies["contact fields"] = {"inquiry": hi, "buyer": CONTACT}
    inquiry, buyer = link_inquiry()
    bodies["links and attachments"] = {"inquiry": inquiry, "buyer": buyer}
    return bodies


# --- generated request bodies (hypothesis) --------------------------------------------------------

FIELDS_INQUIRY = ("subject", "message", "product", "quantity", "received_at", "attachments", "links")
FIELDS_BUYER = ("name", "title", "company", "email", "phone", "mobile", "fax", "website", "address", "country", "ip",
                "email_verified", "activity")

text = st.text(max_size=300)
scalars = st.one_of(st.none(), st.booleans(), st.integers(min_value=-10**30, max_value=10**30),
                    st.floats(allow_nan=False), text)
anything = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=5),
                                                         st.dictionaries(text, inner, max_size=5)), max_leaves=20)


def partial(keys, values):
    return st.dictionaries(st.sampled_from(keys), values, max_size=len(keys))


requests = st.one_of(
    anything,
    st.fixed_dictionaries({}, optional={
        "platform": st.one_of(st.sampled_from(["alibaba", "made_in_china", "global_sources", "email", "generic"]), anything),
        "inquiry": st.one_of(partial(FIELDS_INQUIRY, st.one_of(text, anything)), anything),
        "buyer": st.one_of(partial(FIELDS_BUYER, st.one_of(text, anything)), anything),
        "html": st.one_of(text, anything),
        "seller": anything,
        "store": anything,
    }),
)
