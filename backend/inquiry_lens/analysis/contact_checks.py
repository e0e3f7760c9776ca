"""The buyer's contact fields checked on their own, outside a whole analysis: what the history's
migration 2 needs to file an old stored request under its buyer keys (history.schema.MigrationInputs)."""
from __future__ import annotations

from typing import Any

from inquiry_lens.checks.country_check import resolve_country
from inquiry_lens.checks.email_check import check_email, check_website
from inquiry_lens.checks.phone_check import FIELDS, check_number
from inquiry_lens.rules import Rules


def contact_checks(buyer: dict, rules: Rules) -> tuple[str | None, dict[str, Any]]:
    """(the claimed country, the e-mail, website, phone, mobile and fax checks) as the pipeline makes them."""
    claimed = resolve_country(buyer.get("country"), rules)
    checks: dict[str, Any] = {"email": check_email(buyer.get("email"), rules),
                              "website": check_website(buyer.get("website"), rules)}
    checks.update({field: check_number(buyer.get(field), claimed, rules) for field in FIELDS})
    return claimed, checks
