"""The IP database: real .mmdb files read through geoip2, the search order, errors, the embedded fallback."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

import pytest

from inquiry_lens.checks import geoip
from inquiry_lens.checks.geoip import EmbeddedGeoIP, GeoIPError, MaxMindGeoIP, open_geoip
from tests.geoip_fixture import NETWORKS, OUTSIDE, write_test_mmdb


@pytest.fixture(autouse=True)
def no_ambient_database(monkeypatch):
    """Neither the developer's environment variable nor an installed GeoLite2 may leak into a test."""
    monkeypatch.delenv(geoip.ENV_VAR, raising=False)
    monkeypatch.setattr(geoip, "standard_dirs", list)


@pytest.fixture(scope="module")
def city_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("geoip") / "GeoLite2-City.mmdb"
    write_test_mmdb(path, "City")
    return path


@pytest.fixture(scope="module")
def country_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("geoip") / "GeoLite2-Country.mmdb"
    write_test_mmdb(path, "Country")
    return path


@pytest.mark.parametrize("entry", NETWORKS, ids=[e["sample"] for e in NETWORKS])
def test_a_city_database_answers_country_city_and_time_zone(city_db, entry):
    db = open_geoip(city_db)
    assert db.lookup(entry["sample"]) == {"country": entry["country"], "city": entry["city"], "timezone": entry["timezone"]}


@pytest.mark.parametrize("entry", NETWORKS, ids=[e["sample"] for e in NETWORKS])
def test_a_country_database_answers_the_country_only(country_db, entry):
    assert open_geoip(country_db).lookup(entry["sample"]) == {"country": entry["country"], "city": None, "timezone": None}


def test_the_written_networks_are_returned_with_their_expected_answers(tmp_path):
    written = write_test_mmdb(tmp_path / "c.mmdb", "Country")
    assert [e["network"] for e in written] == [e["network"] for e in NETWORKS]
    assert all(e["city"] is None and e["timezone"] is None for e in written)


def test_the_registered_country_stands_in_when_a_record_has_no_country(city_db):
    assert open_geoip(city_db).lookup("5.5.5.5")["country"] == "DE"


def test_an_address_in_no_network_has_no_answer(city_db):
    assert open_geoip(city_db).lookup(OUTSIDE) is None


@pytest.mark.parametrize("text", ["not an ip", "1.2.3", "", "2001:::1"])
def test_a_malformed_address_has_no_answer_rather_than_an_exception(city_db, text):
    assert open_geoip(city_db).lookup(text) is None


def test_info_names_the_source_file_type_and_build_date(city_db):
    info = open_geoip(city_db).info()
    assert info["source"] == "maxmind-db"
    assert str(city_db) in info["database"] and "GeoLite2-City" in info["database"]
    assert info["build_date"] == datetime.now(timezone.utc).date().isoformat()


def test_a_missing_configured_path_is_an_error_naming_it(tmp_path):
    missing = tmp_path / "nowhere" / "GeoLite2-City.mmdb"
    with pytest.raises(GeoIPError, match="does not exist") as caught:
        open_geoip(missing)
    assert str(missing) in str(caught.value)


def test_a_file_that_is_not_a_database_is_an_error_not_a_silent_fallback(tmp_path):
    fake = tmp_path / "GeoLite2-City.mmdb"
    fake.write_bytes(b"this is not a MaxMind DB file" * 10)
    with pytest.raises(GeoIPError, match="not a readable MaxMind DB"):
        open_geoip(fake)


def test_a_database_without_countries_is_refused(tmp_path):
    path = tmp_path / "GeoLite2-ASN.mmdb"
    write_test_mmdb(path, "Country", database_type="GeoLite2-ASN")
    with pytest.raises(GeoIPError, match="GeoLite2-ASN database"):
        open_geoip(path)


def test_a_folder_is_searched_for_a_known_database_name(tmp_path, city_db):
    (tmp_path / "GeoLite2-City.mmdb").write_bytes(city_db.read_bytes())
    assert open_geoip(tmp_path).info()["database"].startswith(str(tmp_path / "GeoLite2-City.mmdb"))


def test_a_folder_without_a_database_is_an_error(tmp_path):
    with pytest.raises(GeoIPError, match=r"no GeoIP2-City\.mmdb"):
        open_geoip(tmp_path)


def test_the_environment_variable_is_used_without_a_path(monkeypatch, city_db):
    monkeypatch.setenv(geoip.ENV_VAR, str(city_db))
    assert isinstance(open_geoip(None), MaxMindGeoIP)


def test_a_bad_environment_variable_is_an_error_naming_the_variable(monkeypatch, tmp_path):
    monkeypatch.setenv(geoip.ENV_VAR, str(tmp_path / "missing.mmdb"))
    with pytest.raises(GeoIPError, match=geoip.ENV_VAR):
        open_geoip(None)


def test_an_explicit_path_wins_over_the_environment_variable(monkeypatch, tmp_path, country_db):
    monkeypatch.setenv(geoip.ENV_VAR, str(tmp_path / "missing.mmdb"))
    assert open_geoip(country_db).info()["database"].startswith(str(country_db))


def test_geoipupdate_folders_are_searched_city_before_country(monkeypatch, tmp_path, city_db, country_db):
    first, second = tmp_path / "usr-share", tmp_path / "var-lib"
    first.mkdir(), second.mkdir()
    (first / "GeoLite2-Country.mmdb").write_bytes(country_db.read_bytes())
    (second / "dbip-city-lite-2026-11.mmdb").write_bytes(city_db.read_bytes())
    monkeypatch.setattr(geoip, "standard_dirs", lambda: [first, second])
    assert open_geoip(None).lookup("41.58.1.1")["city"] == "Lagos"


def test_a_broken_file_in_a_geoipupdate_folder_is_skipped_with_a_warning(monkeypatch, tmp_path, caplog):
    (tmp_path / "GeoLite2-City.mmdb").write_bytes(b"broken")
    monkeypatch.setattr(geoip, "standard_dirs", lambda: [tmp_path])
    assert isinstance(open_geoip(None), EmbeddedGeoIP)
    assert "skipping GeoIP database" in caplog.text


def test_the_standard_folders_include_the_windows_programdata_one(monkeypatch):
    monkeypatch.undo()  # the real standard_dirs, with a Windows ProgramData set
    monkeypatch.setenv("ProgramData", str(Path("C:/ProgramData")))
    dirs = geoip.standard_dirs()
    assert Path("C:/ProgramData") / "MaxMind" / "GeoIPUpdate" / "GeoIP" in dirs
    assert Path("/usr/share/GeoIP") in dirs and Path("/opt/homebrew/var/GeoIP") in dirs


def test_without_any_database_the_embedded_data_answers_countries():
    db = open_geoip(None)
    assert isinstance(db, EmbeddedGeoIP)
    assert db.lookup("41.58.1.1") == {"country": "NG", "city": None, "timezone": None}
    assert db.lookup("10.0.0.1") is None


def test_the_embedded_info_names_geoip2fast_and_its_data_date():
    info = EmbeddedGeoIP().info()
    assert info["source"] == "embedded-geoip2fast"
    assert "geoip2fast" in info["database"]
    assert datetime.strptime(info["build_date"], "%Y-%m-%d")


def test_the_embedded_data_answers_ipv6_too():
    assert EmbeddedGeoIP().lookup("2a00:1450:4001:80b::200e")["country"] == "DE"
    assert EmbeddedGeoIP().lookup("41.58.1.1")["country"] == "NG"  # IPv4 still answered after the switch


def test_lookups_from_many_threads_all_get_the_right_answer(city_db):
    databases = [open_geoip(city_db), EmbeddedGeoIP()]
    samples = [("41.58.1.1", "NG"), ("2001:4860:4860::8888", "US"), ("222.155.45.53", "NZ"), ("8.8.8.8", "US")]
    start = threading.Barrier(8)

    def work(n: int) -> bool:
        start.wait()
        db = databases[n % 2]
        return all(db.lookup(ip)["country"] == country for _ in range(200) for ip, country in samples)

    with ThreadPoolExecutor(8) as pool:
        assert all(pool.map(work, range(8)))
