"""``ppio-endpoint [NAME]`` is read without argparse; it must mean what argparse says."""

from __future__ import annotations

import pytest

from tui_app.cli import _plain_launch, _tui_parser


@pytest.mark.parametrize(
    "argv",
    [[], ["vllm-openai"], ["./presets/my.toml"], ["with space"], ["ünïcode"], ["-"], ["--help"]],
)
def test_a_plain_start_reads_as_argparse_reads_it(argv: list[str]) -> None:
    plain = _plain_launch(argv)
    if argv and argv[0].startswith("-"):
        assert plain is None  # options are argparse's
        return
    assert vars(plain) == vars(_tui_parser().parse_args(argv))


@pytest.mark.parametrize("argv", [["a", "b"], ["name", "--theme", "x"], ["--profile=p"]])
def test_anything_more_is_left_to_argparse(argv: list[str]) -> None:
    assert _plain_launch(argv) is None
