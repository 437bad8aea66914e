"""RowEditor: prefilled fields, spec messages under each field, save refused on errors."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input, Static

from tests.ui_widgets.hosts import NOT_DISMISSED, ModalHost, screen_text
from tui_app import spec
from tui_app.ui.controls.choice_field import ChoiceField
from tui_app.ui.screens.row_editor import RowEditor


def message(app: ModalHost, key: str) -> str:
    """The line under a field, or "" while it is hidden."""
    line = app.screen.query_one(f"#msg-{key}", Static)
    return str(line.content) if line.has_class("-shown") else ""


def field_message(loc: str, value: Any, version: str = "v2") -> str:
    return spec.validate_field(loc, value, version)[0].message


def spec_says(loc: str, value: Any, expected: str, version: str = "v2") -> str:
    """``expected``, the words a user reads, after checking it is the spec's own message."""
    assert field_message(loc, value, version) == expected
    return expected


async def focus(app: ModalHost, key: str) -> None:
    app.screen.query_one(f"#in-{key}").focus()


async def test_new_local_volume_waits_for_blur_then_refuses_then_saves() -> None:
    app = ModalHost(RowEditor("volumes", None))
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#in-type", ChoiceField).value == "local"
        await focus(app, "mount_point")
        await pilot.press(*"data")
        await pilot.pause()
        assert message(app, "mount_point") == ""  # not while typing
        await pilot.press("tab")
        await pilot.pause()
        expected = spec_says(
            "volumes.0.mount_point", "data", "must be an absolute path starting with '/'"
        )
        assert message(app, "mount_point") == f"✗ {expected}"
        assert expected in screen_text(app)

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RowEditor)
        assert message(app, "size") == "✗ is required for a local volume"
        assert "Fix the fields marked above to save." in screen_text(app)

        await focus(app, "mount_point")
        await pilot.press("ctrl+u", *"/data")
        await focus(app, "size")
        await pilot.press(*"3x0")  # an integer field takes digits only
        await pilot.pause()
        assert app.screen.query_one("#in-size", Input).value == "30"
        assert message(app, "mount_point") == ""
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result == {"type": "local", "size": 30, "mount_point": "/data"}


async def test_network_volume_needs_an_id() -> None:
    app = ModalHost(RowEditor("volumes", None))
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.pause()
        await focus(app, "type")
        await pilot.press("n")  # the first letter picks the choice, as in the form
        await pilot.pause()
        assert app.screen.query_one("#in-type", ChoiceField).value == "network"
        await focus(app, "mount_point")
        await pilot.press(*"/models", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RowEditor)
        assert message(app, "id") == "✗ is required for a network volume"
        await focus(app, "id")
        await pilot.press(*"ns-123", "enter")
        await pilot.pause()
    assert app.result == {"type": "network", "id": "ns-123", "mount_point": "/models"}


async def test_prefilled_row_shows_its_problems_at_once() -> None:
    app = ModalHost(RowEditor("envs", {"key": "MY VAR", "value": "1"}, index=3))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#in-key", Input).value == "MY VAR"
        expected = spec_says("envs.0.key", "MY VAR", "must not contain '=' or whitespace")
        assert message(app, "key") == f"✗ {expected}"
        assert "Edit environment variable 4" in screen_text(app)


async def test_secret_warning_does_not_block_saving() -> None:
    row = {"key": "HF_TOKEN", "value": "hf_abcdefghijklmnopqrstuvwxyz"}
    app = ModalHost(RowEditor("envs", row))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert message(app, "value").startswith("⚠ looks like a secret")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result == row


async def test_empty_env_value_is_kept() -> None:
    app = ModalHost(RowEditor("envs", None))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*"DEBUG", "ctrl+s")
        await pilot.pause()
    assert app.result == {"key": "DEBUG", "value": ""}


async def test_escape_cancels_with_none() -> None:
    app = ModalHost(RowEditor("envs", {"key": "A", "value": "1"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("b", "escape")
        await pilot.pause()
    assert app.result is None


async def test_v1_refuses_a_reserved_port_with_the_spec_message() -> None:
    app = ModalHost(RowEditor("ports", None, version="v1"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"2222", "ctrl+s")
        await pilot.pause()
        assert app.result is NOT_DISMISSED
        expected = "2222 is reserved by the platform; the v1 API refuses 2222, 2223, 2224"
        assert message(app, "port") == f"✗ {spec_says('ports.0', 2222, expected, 'v1')}"
        # the line wraps inside the modal's border
        assert expected in " ".join(screen_text(app).replace("█", " ").split())
        await pilot.press("ctrl+u", *"8080", "ctrl+s")
        await pilot.pause()
    assert app.result == {"port": 8080}


async def test_v2_takes_the_same_port() -> None:
    app = ModalHost(RowEditor("ports", {"port": 2222}, version="v2"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert message(app, "port") == ""
        await pilot.press("enter")
        await pilot.pause()
    assert app.result == {"port": 2222}


async def test_save_button_from_the_keyboard() -> None:
    app = ModalHost(RowEditor("ports", {"port": 70000}))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        expected = "must be between 1 and 65535 (got 70000)"
        assert message(app, "port") == f"✗ {spec_says('ports.0', 70000, expected)}"
        await pilot.press("ctrl+u", *"9000", "tab", "tab")
        assert app.focused is not None and app.focused.id == "save"
        await pilot.press("enter")
        await pilot.pause()
    assert app.result == {"port": 9000}


async def test_fits_80x24() -> None:
    app = ModalHost(RowEditor("volumes", {"type": "local", "size": 10, "mount_point": "/d"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        save = app.screen.query_one("#save")
        assert save.region.bottom <= 24 and save.region.height > 0
        assert "Volume type" in screen_text(app)


async def test_secret_value_is_hidden_until_ctrl_r() -> None:
    row = {"key": "HF_TOKEN", "value": "hf_abcdefghijklmnopqrstuvwxyz"}
    app = ModalHost(RowEditor("envs", row))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert "hf_abcdefghijklmnopqrstuvwxyz" not in screen_text(app)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "hf_abcdefghijklmnopqrstuvwxyz" in screen_text(app)


async def test_a_prefilled_row_opens_on_its_first_bad_field() -> None:
    app = ModalHost(RowEditor("volumes", {"type": "local", "size": 5, "mount_point": "x"}))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert app.focused is app.screen.query_one("#in-mount_point")
