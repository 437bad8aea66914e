"""Look-ups that know the catalogue: regions narrowed to the product, warnings (never
errors) for an unknown product or a region that does not offer it."""

from __future__ import annotations

from textual.widgets import Select

from tests.ui.conftest import editor, load_valid, ready, row, settle, type_into


def region_choices(app) -> list[str]:
    select = row(app, "region_id").query_one("#choices", Select)
    return [str(value) for _text, value in select._options if value is not Select.NULL]


async def test_region_choices_follow_the_product(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await load_valid(pilot)  # product 1: offered in three regions
        await settle(pilot)
        assert sorted(region_choices(app)) == ["cn-east-1", "cn-south-1", "us-west-1"]
        await type_into(pilot, "product_id", "2")
        await settle(pilot)
        assert sorted(region_choices(app)) == ["cn-east-1", "us-west-1"]


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
