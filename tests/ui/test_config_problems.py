"""A config.toml that cannot be read: the app starts, says where the problem is, and sends
nothing until it is fixed; a fix is picked up at the next submit, without a restart."""

from __future__ import annotations

from tests.sandbox_server import TEST_KEY, sandbox_server
from tests.ui.conftest import VALID, editor, load, ready, settle
from tui_app.ui.screens.confirm import ConfirmModal


async def test_a_config_typo_blocks_submit_until_it_is_fixed(make_app, home) -> None:
    with sandbox_server() as server:
        config = home / "config.toml"
        good = f'profile = "loop"\n[profiles.loop]\nbase_url = "{server.base_url}"\n'
        config.write_text(good.replace("base_url =", "base_url ="[:-1]))  # a typo: no "="
        app = make_app(environ={"PPIO_API_KEY": TEST_KEY})
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(pilot)
            assert "config.toml:3:11: TOML syntax error" in editor(app).header.target_text
            assert any("config.toml:3:11:" in note for note in app.notes)
            await load(pilot, VALID)

            await pilot.press("f5")
            await settle(pilot)
            assert not isinstance(app.screen, ConfirmModal)
            assert any(
                n.startswith("Not sent: no target") and "config.toml:3:11" in n for n in app.notes
            )
            assert server.sandbox.received == []  # nothing reached any server

            config.write_text(good)  # fixed while the app runs
            await pilot.press("f5")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmModal)
            assert server.base_url in str(app.screen.body)
            await pilot.press("y")
            await settle(pilot)
            assert len(server.creates()) == 1
