"""The en/zh subset of phonenumbers' place names answers exactly as the library's full tables do."""
from __future__ import annotations

import json
import subprocess
import sys

import phonenumbers

from inquiry_lens.checks import (
    phone_check,  # importing phone_check installs the subset
    phone_places,
)
from inquiry_lens.rules import packaged_rules

NUMBERS = ["+86 755 8888 1234", "+1 212 555 0199", "+44 20 7946 0018", "+49 30 1234567", "+886 2 2718 3366",
           "+852 2345 6789", "+971 4 295 6610", "+7 495 123 45 67", "+55 11 3456 7890", "+91 98140 23456",
           "+61 3 9421 5588", "+800 1234 5678", "+54 9 11 2345 6789", "+52 33 3615 4420", "+1 809 532 4410"]

FULL_TABLES = """
import json, sys, phonenumbers
from phonenumbers import geocoder
out = []
for raw in json.loads(sys.argv[1]):
    number = phonenumbers.parse(raw, None)
    out.append([geocoder.description_for_valid_number(number, "en"), geocoder.description_for_valid_number(number, "zh"),
                geocoder.country_name_for_number(number, "zh")])
print(json.dumps(out))
"""


def test_the_subset_is_what_the_geocoder_reads_in_this_process():
    assert isinstance(sys.modules["phonenumbers.geodata"].GEOCODE_DATA, phone_places.PrefixNames)


def test_place_names_equal_the_library_full_tables():
    from phonenumbers import geocoder

    expected = json.loads(subprocess.run([sys.executable, "-c", FULL_TABLES, json.dumps(NUMBERS)], capture_output=True,
                                         text=True, check=True).stdout)
    got = []
    for raw in NUMBERS:
        number = phonenumbers.parse(raw, None)
        got.append([geocoder.description_for_valid_number(number, "en"), geocoder.description_for_valid_number(number, "zh"),
                    geocoder.country_name_for_number(number, "zh")])
    assert got == expected


def test_the_phone_check_reports_the_subset_names(rules=None):
    result = phone_check.check_number("+86-755-8888 1234", None, packaged_rules())
    assert (result["location"], result["location_zh"]) == ("Shenzhen, Guangdong", "广东省深圳市")


def test_a_missing_cache_is_built_in_a_child_process(tmp_path, monkeypatch):
    monkeypatch.setenv("INQUIRY_LENS_CACHE_DIR", str(tmp_path))
    data = phone_places.load(phone_places.cache_file())
    assert data["version"] == phonenumbers.__version__ and len(data["names"]) > 1000
    assert phone_places.cache_file().is_file()
