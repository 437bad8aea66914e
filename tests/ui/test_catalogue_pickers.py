"""Look-ups that know the catalogue: regions narrowed to the product, warnings (never
errors) for an unknown product or a region that does not offer it."""

from __future__ import annotations

from textual.widgets import Input, Select

from tests.ui.conftest import VALID, editor, load, load_valid, ready, row, settle, type_into
from tui_app.ui.screens.row_editor import RowEditor


async def region_choices(pilot, app) -> list[str]:
    """What the region's list offers once the user enters the field."""
    row(app, "region_id").editor.focus()
    await settle(pilot)
    select = row(app, "region_id").query_one("#choices", Select)
    return [str(value) for _text, value in select._options if value is not Select.NULL]


async def test_region_choices_follow_the_product(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await load_valid(pilot)  # product 1: offered in three regions
        await settle(pilot)
        assert sorted(await region_choices(pilot, app)) == ["cn-east-1", "cn-south-1", "us-west-1"]
        await type_into(pilot, "product_id", "2")
        await settle(pilot)
        assert sorted(await region_choices(pilot, app)) == ["cn-east-1", "us-west-1"]


async def test_unknown_product_and_region_not_offered_are_warnings(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await load_valid(pilot)
        await settle(pilot)
        await type_into(pilot, "product_id", "999")
        await settle(pilot)
        product = row(app, "product_id")
        assert product.message.startswith("⚠ unknown product id '999'")
        assert not product.editor.has_class("-invalid")
        assert not editor(app).state.errors
        await type_into(pilot, "product_id", "2")
        await type_into(pilot, "region_id", "cn-south-1")
        await settle(pilot)
        region = row(app, "region_id")
        assert region.message.startswith("⚠ RTX 3090 24GB is not offered in 'cn-south-1'")
        assert not editor(app).state.errors


async def test_the_volume_editor_offers_the_storages_of_the_region(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await load(pilot, {**VALID, "region_id": "cn-east-1"})
        await settle(pilot)
        screen = editor(app)
        screen.action_section("volumes")
        await settle(pilot)
        screen.table("volumes").action_add_row()
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, RowEditor)
        picker = modal.query_one("#pick-id", Select)
        offered = [str(value) for _text, value in picker._options if value is not Select.NULL]
        assert offered == ["ns-comfyui-models", "ns-batch-data"]  # not us-west-1's
        picker.value = "ns-batch-data"
        await settle(pilot)
        assert modal.query_one("#in-id", Input).value == "ns-batch-data"


async def test_a_rootfs_past_the_catalogue_bound_is_a_warning(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await load_valid(pilot)  # products from the catalogue: root disk 10–130 GB
        await settle(pilot)
        await type_into(pilot, "worker_config.rootfs_size_gb", "140")
        await settle(pilot)
        rootfs = row(app, "worker_config.rootfs_size_gb")
        assert rootfs.message == "⚠ RTX 4090 24GB takes at most 130 GB (catalogue)"
        assert not editor(app).state.errors


async def test_a_value_past_a_v1_limit_is_a_warning(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await load_valid(pilot)
        await settle(pilot)
        await type_into(pilot, "worker_config.idle_timeout", "5000")
        await settle(pilot)
        assert row(app, "worker_config.idle_timeout").message == ""  # v2: no limits route
        await pilot.press("f4")  # v1: the sandbox publishes maxFreeTimeout 3600
        await settle(pilot)
        assert editor(app).state.version == "v1"
        idle = row(app, "worker_config.idle_timeout")
        assert idle.message == "⚠ the account allows at most 3600 s (endpoint limits)"
        assert not idle.editor.has_class("-invalid")
        assert not editor(app).state.errors
