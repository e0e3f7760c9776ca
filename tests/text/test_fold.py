"""The shared text fold: what every rules word and every field is reduced to before they are compared."""
from __future__ import annotations

import pytest

from inquiry_lens.text.fold import clean_input, fold, words


@pytest.mark.parametrize("raw, folded", [
    ("Geschäftsführer", "geschaftsfuhrer"), ("STRASSE", "strasse"), ("Straße", "strasse"),
    ("Côte d’Ivoire", "cote d’ivoire"), ("ＵＳＡ １２", "usa 12"), ("İstanbul", "istanbul"),
    ("테헤란로", "테헤란로"), ("Москва́", "москва"), ("总经理", "总经理"),
])
def test_fold_lowers_strips_accents_and_unifies_widths(raw, folded):
    assert fold(raw) == folded


def test_fold_reads_only_the_first_characters():
    assert fold("a" * 100_000) == "a" * 500


def test_words_split_at_anything_but_letters_and_digits():
    assert words(fold("Co-Founder & CEO, 科苑路15号")) == ["co", "founder", "ceo", "科苑路15号"]


@pytest.mark.parametrize("raw", [None, "", "   ", "N/A", "n.a.", "none", "-", "暂无", "Unknown", "\x00"])
def test_placeholders_and_blanks_are_absent(raw, rules):
    assert clean_input(raw, rules) is None


@pytest.mark.parametrize("raw, text", [(" Lagos \n", "Lagos"), ("a\x00b", "a b"), (42, "42"), ("Namibia", "Namibia")])
def test_real_values_are_kept_stripped(raw, text, rules):
    assert clean_input(raw, rules) == text


def test_an_unprintable_giant_number_is_absent_not_an_error(rules):
    assert clean_input(10**5000, rules) is None
