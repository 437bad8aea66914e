"""curl commands: written so a shell runs them and :func:`parse_curl` reads them back.

The key is never written: the Authorization header refers to ``${PPIO_API_KEY}`` and is
double-quoted so the shell expands it. Everything else is single-quoted, except each env
value that is a whole ``${NAME}`` reference: the quote is closed around it
(``'..."value": "'"${HF_TOKEN}"'"...'``), so the shell sends the variable's value and
nothing else in the body is ever expanded.
"""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass, field
from typing import Any

from .untrusted import UnsafeData, parse_json

KEY_VARIABLE = "PPIO_API_KEY"


class CurlError(ValueError):
    """The text is not a curl command this tool can read."""


@dataclass
class CurlRequest:
    method: str
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = None


# a JSON string that is exactly "${NAME}": its opening quote follows no backslash, so it is
# a whole string token, never an escaped quote inside a longer string
_REFERENCE = re.compile(r'(?<!\\)"\$\{([A-Za-z_][A-Za-z0-9_]*)\}"')


def build_curl(method: str, url: str, body: Any = None, key_variable: str = KEY_VARIABLE) -> str:
    lines = [
        f"curl --request {method}",
        f"--url {shlex.quote(url)}",
        f'--header "Authorization: Bearer ${{{key_variable}}}"',
    ]
    if body is not None:
        lines.append("--header 'Content-Type: application/json'")
        lines.append(f"--data {shell_json(json.dumps(body, indent=2, ensure_ascii=False))}")
    return " \\\n  ".join(lines) + "\n"


def shell_json(text: str) -> str:
    """One shell word for JSON text, expanding its ``"${NAME}"`` strings and nothing else."""
    words: list[str] = []
    start = 0
    for match in _REFERENCE.finditer(text):
        # the JSON quotes stay in the data; the shell's double quotes keep the value one word
        words.append(shlex.quote(text[start : match.start() + 1]))
        words.append(f'"${{{match.group(1)}}}"')
        start = match.end() - 1
    words.append(shlex.quote(text[start:]))
    return "".join(words)


_DATA_FLAGS = {"-d", "--data", "--data-raw", "--data-binary", "--json"}
_VALUE_FLAGS = {"-X", "--request", "-H", "--header", "--url", *_DATA_FLAGS}


def _tokens(text: str) -> list[str]:
    joined = text.replace("\\\r\n", " ").replace("\\\n", " ")
    try:
        tokens = shlex.split(joined)
    except ValueError as exc:
        raise CurlError(f"cannot split the command: {exc}") from None
    if not tokens or tokens[0] != "curl":
        raise CurlError("the text does not start with 'curl'")
    return tokens[1:]


def parse_curl(text: str) -> CurlRequest:
    """Method, URL, headers (Authorization dropped) and JSON body of a curl command."""
    tokens = _tokens(text)
    method, url, headers, data = "", "", {}, None
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token in _VALUE_FLAGS:
            if i + 1 >= len(tokens):
                raise CurlError(f"{token} needs a value")
            value = tokens[i + 1]
            i += 2
            if token in ("-X", "--request"):
                method = value.upper()
            elif token in ("-H", "--header"):
                name, _, content = value.partition(":")
                if name.strip().lower() != "authorization":
                    headers[name.strip()] = content.strip()
            elif token == "--url":
                url = value
            else:
                data = value
            continue
        if not token.startswith("-") and not url:
            url = token
        i += 1
    if not url:
        raise CurlError("no URL in the command")
    body = None
    if data is not None:
        try:
            body = parse_json(data)
        except json.JSONDecodeError as exc:
            raise CurlError(
                f"the --data body is not JSON: {exc.msg} at line {exc.lineno}"
            ) from None
        except UnsafeData as exc:
            raise CurlError(f"the --data body cannot be used: {exc}") from None
    return CurlRequest(method or ("POST" if data is not None else "GET"), url, headers, body)
