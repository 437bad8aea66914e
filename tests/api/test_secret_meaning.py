"""Secrets are found by what the text means: any case, JSON escapes, percent-encoding,
base64, in bodies, headers and error messages; resolved values stay hidden afterwards."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from tests.api.conftest import sample
from tests.echo_server import assert_hidden, echo_server, escaped
from tests.sandbox_server import LoopbackSandbox
from tui_app import spec
from tui_app.api import ApiError, PpioClient, RetryPolicy, Target, resolve_target
from tui_app.api.redact import Redactor

KEY = "sk-Meaning-4Tq8Vz2Lx6Pw"
HF_VALUE = "plain-resolved-value-77"  # nothing about it looks like a secret


@pytest.mark.parametrize(
    "shown",
    [
        KEY.upper(),
        KEY.lower(),
        escaped(KEY),
        json.dumps(KEY).replace("-", "\\u002D"),
        "".join(f"%{ord(c):02x}" for c in KEY),
        base64.b64encode(f"user:{KEY}".encode()).decode(),
        base64.urlsafe_b64encode(f"ab:{KEY}!".encode()).decode(),
        repr((KEY + "\r").encode()),
    ],
)
def test_the_key_is_masked_in_any_disguise(shown: str) -> None:
    redactor = Redactor([KEY])
    masked = redactor.text(f"before {shown} after")
    assert "****" in masked and masked.startswith("before ") and masked.endswith(" after")
    headers = redactor.headers([("X-Echo", shown)], None)
    assert "****" in headers["X-Echo"]


def test_slashes_escaped_by_an_encoder_are_masked() -> None:
    secret = "pa/ss/word-1234"
    assert Redactor([secret]).text("got pa\\/ss\\/word-1234") == "got ****"


def test_short_common_words_are_left_alone() -> None:
    redactor = Redactor(["abc"])  # shorter than a secret can be
    assert redactor.text("ABC abc %61bc") == "ABC abc %61bc"


async def test_a_server_echoing_the_key_is_masked_in_history_and_errors(home: Path) -> None:
    for kind in ("text", "json"):
        with echo_server(kind) as url:
            target = Target("echo", url, "v2", KEY)
            path = home / f"history-{kind}.jsonl"
            async with PpioClient(target, history_path=path, retry=RetryPolicy.none()) as client:
                with pytest.raises(ApiError) as caught:
                    await client.list_endpoints()
        error = caught.value
        assert "the server rejected the request" in str(error)
        assert_hidden(KEY, path.read_text(), str(error), repr(error))


async def test_a_resolved_value_stays_hidden_in_later_answers(
    server: LoopbackSandbox, home: Path
) -> None:
    data = sample(envs=[{"key": "HUB", "value": "${HF_TOKEN}"}])
    resolved, _ = spec.resolve(data, {"HF_TOKEN": HF_VALUE})
    history = home / "history.jsonl"
    async with PpioClient(server.target(), history_path=history) as client:
        client.add_references(spec.resolved_references(data, {"HF_TOKEN": HF_VALUE}))
        created = await client.create(resolved)
        got = await client.get(created.id)
        listed = await client.list_endpoints()
    assert server.creates()[0]["envs"] == [{"key": "HUB", "value": HF_VALUE}]  # sent for real
    assert got.data["envs"] == [{"key": "HUB", "value": "${HF_TOKEN}"}]
    assert listed[0].data["envs"] == [{"key": "HUB", "value": "${HF_TOKEN}"}]
    everything = history.read_text() + repr(got) + repr(listed)
    assert HF_VALUE not in everything and HF_VALUE.upper() not in everything
    first = json.loads(history.read_text().splitlines()[0])
    assert first["request_body"]["envs"] == [{"key": "HUB", "value": "${HF_TOKEN}"}]


def test_plain_http_beyond_loopback_needs_allowing(home: Path) -> None:
    env = {"PPIO_API_KEY": KEY}
    with pytest.raises(ValueError, match="the key would travel unencrypted"):
        resolve_target(home, base_url="http://10.1.2.3:8080", environ=env)
    allowed = resolve_target(home, base_url="http://10.1.2.3:8080", environ=env, allow_http=True)
    assert allowed.base_url == "http://10.1.2.3:8080"
    assert resolve_target(home, base_url="http://127.0.0.1:1", environ=env).api_key == KEY
    assert resolve_target(home, base_url="http://10.1.2.3", environ={}).api_key is None  # no key
    assert resolve_target(home, profile="sandbox", environ=env).sandbox


@pytest.mark.parametrize("bad", ["\r", "\n", " ", "\t", "é", "\x00"])
def test_a_target_refuses_an_unusable_key(bad: str) -> None:
    key = f"sk-abcd{bad}efgh1234"
    with pytest.raises(ValueError) as caught:
        Target("x", "https://api.example", "v2", key, key_variable="MY_KEY")
    message = str(caught.value)
    assert message.startswith("MY_KEY ")
    assert all(key[i : i + 4] not in message for i in range(len(key) - 3))
