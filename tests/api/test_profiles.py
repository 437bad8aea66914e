"""Where requests go: profiles, environment and flags, and the sandbox when there is no key."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_app.api import list_profiles, resolve_target, version_base

KEY = "sk-profile-test-key-9876"


def write_config(home: Path, text: str) -> None:
    (home / "config.toml").write_text(text)


def test_no_key_anywhere_is_the_sandbox(home: Path) -> None:
    target = resolve_target(home, environ={})
    assert target.sandbox
    assert (target.profile, target.base_url, target.api_version) == (
        "sandbox",
        "http://sandbox.local",
        "v2",
    )
    assert resolve_target(home, api_version="v1", environ={}).api_version == "v1"


def test_a_key_selects_ppio_v2(home: Path) -> None:
    target = resolve_target(home, environ={"PPIO_API_KEY": KEY})
    assert not target.sandbox
    assert (target.profile, target.base_url, target.api_version) == (
        "ppio",
        "https://api.ppio.com",
        "v2",
    )
    assert target.api_key == KEY
    assert KEY not in repr(target)


def test_api_version_v1_moves_to_the_v1_base(home: Path) -> None:
    target = resolve_target(home, api_version="v1", environ={"PPIO_API_KEY": KEY})
    assert target.base_url == "https://api.ppio.com/gpu-instance/openapi/v1"
    shipped = resolve_target(home, profile="ppio-v1", environ={"PPIO_API_KEY": KEY})
    assert shipped.base_url == "https://api.ppinfra.com/gpu-instance/openapi/v1"


def test_novita_reads_its_own_variable_and_ppio_api_key_overrides_it(home: Path) -> None:
    novita = resolve_target(home, profile="novita", environ={"NOVITA_API_KEY": "nv-key-1234567"})
    assert novita.api_key == "nv-key-1234567"
    assert novita.base_url == "https://api.novita.ai/gpu-instance/openapi/v1"
    both = {"NOVITA_API_KEY": "nv-key-1234567", "PPIO_API_KEY": KEY}
    assert resolve_target(home, profile="novita", environ=both).api_key == KEY


def test_base_url_flag_beats_the_environment_which_beats_the_profile(home: Path) -> None:
    env = {"PPIO_API_KEY": KEY, "PPIO_BASE_URL": "http://127.0.0.1:9000/"}
    assert resolve_target(home, environ=env).base_url == "http://127.0.0.1:9000"
    flag = resolve_target(home, base_url="http://127.0.0.1:9001", environ=env)
    assert flag.base_url == "http://127.0.0.1:9001"
    v1 = resolve_target(home, base_url="http://127.0.0.1:9001", api_version="v1", environ=env)
    assert v1.base_url == "http://127.0.0.1:9001/gpu-instance/openapi/v1"


def test_an_explicit_url_without_a_key_is_not_the_sandbox(home: Path) -> None:
    target = resolve_target(home, base_url="http://127.0.0.1:8765", environ={})
    assert not target.sandbox and target.api_key is None


def test_config_profiles_and_the_default_profile(home: Path) -> None:
    write_config(
        home,
        'profile = "staging"\n'
        "[profiles.staging]\n"
        'base_url = "https://staging.example.com"\n'
        'api_version = "v1"\n'
        'api_key_env = "STAGING_KEY"\n'
        'description = "our staging proxy"\n',
    )
    target = resolve_target(home, environ={"STAGING_KEY": "stg-key-123456"})
    assert (target.profile, target.api_version, target.api_key) == (
        "staging",
        "v1",
        "stg-key-123456",
    )
    assert target.base_url == "https://staging.example.com/gpu-instance/openapi/v1"
    names = [p.name for p in list_profiles(home)]
    assert names == ["ppio", "ppio-v1", "novita", "sandbox", "staging"]


def test_a_config_profile_may_override_a_shipped_one(home: Path) -> None:
    write_config(home, '[profiles.ppio]\napi_key_env = "MY_PPIO_KEY"\n')
    target = resolve_target(home, profile="ppio", environ={"MY_PPIO_KEY": "mine-1234567"})
    assert target.api_key == "mine-1234567"
    assert target.base_url == "https://api.ppio.com"


def test_an_unknown_profile_lists_the_known_ones(home: Path) -> None:
    with pytest.raises(ValueError) as caught:
        resolve_target(home, profile="prod", environ={})
    assert str(caught.value) == (
        "unknown profile 'prod'; known profiles: novita, ppio, ppio-v1, sandbox"
    )


def test_a_key_written_into_config_is_refused(home: Path) -> None:
    write_config(home, '[profiles.leaky]\nbase_url = "https://x.example"\napi_key = "sk-123"\n')
    with pytest.raises(ValueError) as caught:
        resolve_target(home, profile="leaky", environ={})
    assert "api_key is not read from config.toml" in str(caught.value)
    assert "sk-123" not in str(caught.value)
    assert "leaky" not in [p.name for p in list_profiles(home)]


@pytest.mark.parametrize(
    ("table", "words"),
    [
        ('base_url = "ftp://x"', "must be an http:// or https:// URL"),
        ('base_url = "https://x"\napi_version = "v3"', "must be v1 or v2"),
        ('base_url = "https://x"\napi_key_env = "not a name"', "must be a variable name"),
        ('base_url = "https://x"\nbase = 1', "unknown key 'base'"),
        ('api_version = "v1"', "base_url is required"),
    ],
)
def test_broken_profiles_say_what_is_wrong(home: Path, table: str, words: str) -> None:
    write_config(home, f"[profiles.bad]\n{table}\n")
    with pytest.raises(ValueError) as caught:
        resolve_target(home, profile="bad", environ={})
    assert words in str(caught.value)
    assert "[profiles.bad]" in str(caught.value)


def test_the_create_look_up_settings_come_from_the_profile(home: Path) -> None:
    assert resolve_target(home, environ={}).create_lookup_attempts == 3
    assert resolve_target(home, environ={}).create_lookup_window == 10.0
    write_config(home, "[profiles.ppio]\ncreate_lookup_attempts = 5\ncreate_lookup_window = 2\n")
    target = resolve_target(home, profile="ppio", environ={"PPIO_API_KEY": KEY})
    assert (target.create_lookup_attempts, target.create_lookup_window) == (5, 2.0)


def test_the_refresh_interval_comes_from_the_profile(home: Path) -> None:
    assert resolve_target(home, environ={}).refresh_interval == 5.0
    write_config(home, "[profiles.ppio]\nrefresh_interval = 0.5\n")
    assert resolve_target(home, environ={}).refresh_interval == 0.5  # the sandbox too


@pytest.mark.parametrize(
    ("setting", "words"),
    [
        ("create_lookup_attempts = 0", "must be finite and above 0 (got 0)"),
        ("create_lookup_attempts = 2.5", "must be a whole number (got 2.5)"),
        ("create_lookup_attempts = true", "must be a whole number (got True)"),
        ("create_lookup_window = -1", "must be finite and above 0 (got -1)"),
        ("create_lookup_window = nan", "must be finite and above 0 (got nan)"),
        ("create_lookup_window = inf", "must be finite and above 0 (got inf)"),
        ('create_lookup_window = "10"', "must be a number (got '10')"),
        ("refresh_interval = 0", "must be finite and above 0 (got 0)"),
    ],
)
def test_broken_look_up_settings_are_refused(home: Path, setting: str, words: str) -> None:
    write_config(home, f'[profiles.bad]\nbase_url = "https://x.example"\n{setting}\n')
    with pytest.raises(ValueError) as caught:
        resolve_target(home, profile="bad", environ={})
    assert words in str(caught.value)
    assert f"[profiles.bad] {setting.split(' ')[0]}" in str(caught.value)


def test_version_base() -> None:
    assert version_base("https://api.ppio.com/", "v2") == "https://api.ppio.com"
    assert version_base("https://api.ppio.com", "v1") == (
        "https://api.ppio.com/gpu-instance/openapi/v1"
    )
    assert version_base("https://api.ppinfra.com/gpu-instance/openapi/v1", "v2") == (
        "https://api.ppinfra.com"
    )
    assert version_base("https://proxy.example/ppio", "v1") == "https://proxy.example/ppio"
