"""Research (背调) links: built only from data present, encoded properly, never for mailbox providers."""
from __future__ import annotations

import string
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from inquiry_lens.reply import research_links

FIELDS = {"company", "country_name", "address", "domain"}


def links_for(make_state, env, buyer: dict, email: dict | None = None, website: dict | None = None,
              country: str | None = None) -> dict[str, str]:
    state = make_state({"inquiry": {"message": "x"}, "buyer": buyer})
    state.buyer_country = country
    state.checks["email"] = email
    state.checks["website"] = website
    made = research_links.stage(state, env).research_links
    return {link["label"]["en"]: link["url"] for link in made}


def query(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def corporate(domain: str) -> dict:
    return {"registrable_domain": domain, "free_provider": False, "disposable": False}


def test_every_template_uses_known_fields_only(rules):
    for link in rules["research"]["links"]:
        texts = [link["url"], *link.get("query", {}).values(), *link["label"].values()]
        names = {name for text in texts for _, name, _, _ in string.Formatter().parse(text) if name}
        assert names <= FIELDS, link["id"]


@pytest.mark.parametrize("company", ["Smith & Sons Trading Co.", "Müller GmbH", "株式会社 山田商事", "ООО Ромашка",
                                     "A+B 100% Supply #1 / Import?"])
def test_company_names_are_encoded_and_come_back_intact(make_state, env, company):
    links = links_for(make_state, env, {"company": company}, country="US")
    search = links["Search the company"]
    assert query(search) == {"q": f'"{company}" United States'}
    assert query(links["Company on LinkedIn"]) == {"keywords": company}
    assert query(links["US import records (ImportYeti)"]) == {"q": company}
    for url in links.values():
        assert url.isascii() and " " not in url
        assert url.count("?") == 1


def test_an_ampersand_in_a_name_does_not_start_a_new_parameter(make_state, env):
    url = links_for(make_state, env, {"company": "Smith & Sons"})["Company on LinkedIn"]
    assert url == "https://www.linkedin.com/search/results/companies/?keywords=Smith%20%26%20Sons"


def test_spaces_and_line_breaks_fold_to_one_space(make_state, env):
    url = links_for(make_state, env, {"company": "  Acme\n  Industrial\tLtd  "}, country="DE")["Search the company"]
    assert query(url) == {"q": '"Acme Industrial Ltd" Germany'}


def test_the_country_name_is_the_one_people_search_with(make_state, env):
    url = links_for(make_state, env, {"company": "Hana"}, country="KR")["Search the company"]
    assert query(url)["q"] == '"Hana" South Korea'
    assert query(links_for(make_state, env, {"company": "Hana"})["Search the company"])["q"] == '"Hana"'


def test_whois_for_a_corporate_mail_domain(make_state, env):
    links = links_for(make_state, env, {}, email=corporate("abc-trading.co.uk"))
    assert links == {"Domain WHOIS: abc-trading.co.uk": "https://www.whois.com/whois/abc-trading.co.uk"}


def test_no_whois_for_gmail_but_the_website_s(make_state, env):
    gmail = {"registrable_domain": "gmail.com", "free_provider": True, "disposable": False}
    assert links_for(make_state, env, {}, email=gmail) == {}
    links = links_for(make_state, env, {}, email=gmail, website={"registrable_domain": "acme.de"})
    assert list(links.values()) == ["https://www.whois.com/whois/acme.de"]


def test_no_whois_for_a_free_mail_domain_even_when_unflagged_nor_for_a_platform_website(make_state, env):
    unflagged = {"registrable_domain": "gmail.com", "free_provider": False, "disposable": False}
    assert links_for(make_state, env, {}, email=unflagged, website={"registrable_domain": "alibaba.com"}) == {}


def test_no_whois_for_a_disposable_mailbox(make_state, env):
    throwaway = {"registrable_domain": "mailinator.com", "free_provider": False, "disposable": True}
    assert links_for(make_state, env, {}, email=throwaway) == {}


def test_mail_and_website_domains_each_once(make_state, env):
    links = links_for(make_state, env, {}, email=corporate("acme.com"), website={"registrable_domain": "acme.com"})
    assert len(links) == 1
    links = links_for(make_state, env, {}, email=corporate("acme.com"), website={"registrable_domain": "acme-shop.com"})
    assert list(links) == ["Domain WHOIS: acme.com", "Domain WHOIS: acme-shop.com"]


def test_an_internationalised_domain_is_one_encoded_path_segment(make_state, env):
    url = links_for(make_state, env, {}, email=corporate("bücher.de"))["Domain WHOIS: bücher.de"]
    assert url == "https://www.whois.com/whois/b%C3%BCcher.de" and unquote(url).endswith("/bücher.de")


def test_the_address_on_a_map(make_state, env):
    address = "Königstraße 12, 70173 Stuttgart, Germany"
    url = links_for(make_state, env, {"address": address})["Address on the map"]
    assert url.startswith("https://www.google.com/maps/search/?")
    assert query(url) == {"api": "1", "query": address}


@pytest.mark.parametrize("country, has_import_records", [("US", True), ("CA", False), ("DE", False), (None, False)])
def test_import_records_only_for_us_buyers(make_state, env, country, has_import_records):
    links = links_for(make_state, env, {"company": "Acme Corp"}, country=country)
    assert ("US import records (ImportYeti)" in links) is has_import_records


def test_nothing_present_nothing_built(make_state, env):
    assert links_for(make_state, env, {"company": "   ", "address": None}) == {}


def test_labels_are_bilingual(make_state, env):
    state = make_state({"inquiry": {"message": "x"}, "buyer": {"company": "Acme", "address": "1 Main St"}})
    state.buyer_country = "US"
    state.checks["email"] = corporate("acme.com")
    made = research_links.stage(state, env).research_links
    assert len(made) == 5
    assert all(link["label"]["zh"] and link["label"]["en"] and link["url"].startswith("https://") for link in made)
