"""Each pane: a bad value shows its message under the field (once left) and in the tab badge;
fixing it clears both. The rules come from tui_app.spec; these tests only watch the screen."""

from __future__ import annotations

import pytest

from tests.ui.conftest import VALID, editor, load_valid, ready, row, settle, tab_label, type_into

CASES = [
    # path, bad text, fragment of the message, good text
    ("name", "x" * 256, "at most 255 characters", "llama-ok"),
    ("app_name", "Bad_Name", "lowercase letters, digits", "good-name"),
    ("image", "", "is required", "nginx:1"),
    ("worker_config.max_replicas", "5000", "between 0 and 1000", "3"),
    ("worker_config.min_cuda_version", "twelve", "CUDA version", "12.4"),
    ("worker_config.gpu_num", "-1", "must not be negative", "2"),
    ("policy.value", "-5", "must not be negative", "10"),
    ("health_check.path", "health", "must start with '/'", "/healthz"),
]


@pytest.mark.parametrize(("path", "bad", "fragment", "good"), CASES, ids=[c[0] for c in CASES])
async def test_bad_value_shows_under_field_and_in_badge_fixing_clears_both(
    make_app, path: str, bad: str, fragment: str, good: str
) -> None:
    from tui_app.ui.form_state import section_of

    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        await load_valid(pilot)
        section = section_of(path)
        title = tab_label(app, section)
        assert "(" not in title

        await type_into(pilot, path, bad, leave=False)
        field = row(app, path)
        # typed but not left yet: the badge counts it, the message waits
        assert tab_label(app, section).endswith("(1)")
        assert field.message == ""

        await pilot.press("tab")
        await pilot.pause()
        assert fragment in field.message
        assert field.message.startswith("✗")
        assert "error" in editor(app).status.counts

        await type_into(pilot, path, good)
        assert field.message == ""
        assert tab_label(app, section) == title
        assert editor(app).status.counts.startswith("✓")


async def test_enum_choice_clears_required_message(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        data = {k: v for k, v in VALID.items() if k != "type"}
        editor(app).state.replace(data)
        editor(app).state.attempt_submit()
        editor(app).refresh_form()
        await pilot.pause()
        field = row(app, "type")
        assert "is required" in field.message
        assert tab_label(app, "general") == "General (1)"
        field.editor.focus()
        await pilot.press("right")
        await pilot.pause()
        assert editor(app).state.get("type") == "sync"
        assert field.message == ""
        assert tab_label(app, "general") == "General"
        assert "● sync" in str(field.editor.render())
        # a letter jumps to its choice, delete clears and the rule speaks again
        await pilot.press("a")
        await pilot.pause()
        assert editor(app).state.get("type") == "async"
        await pilot.press("delete")
        await pilot.pause()
        assert editor(app).state.get("type") is None
        assert "is required" in field.message
        assert tab_label(app, "general") == "General (1)"


async def test_cross_field_rule_lands_on_min_workers(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        await load_valid(pilot)
        await type_into(pilot, "worker_config.min_replicas", "5")
        assert "must not exceed max workers (2)" in row(app, "worker_config.min_replicas").message
        await type_into(pilot, "worker_config.max_replicas", "8")
        assert row(app, "worker_config.min_replicas").message == ""


async def test_integer_fields_accept_only_digits(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        await type_into(pilot, "worker_config.max_replicas", "4x2")
        assert row(app, "worker_config.max_replicas").editor.value == "42"
        assert editor(app).state.get("worker_config.max_replicas") == 42


async def test_lookups_fill_product_choices_with_gpu_and_price(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        product = row(app, "product_id")
        # nothing is fetched (and no HTTP stack loaded) until a look-up field needs it
        assert not product.has_options and app.services.connection.client is None
        product.editor.focus()
        await settle(pilot)
        texts = [text for text, _ in product._lookup.options]
        assert texts, "no products were loaded from the sandbox"
        assert any("$" in t and "/h" in t for t in texts)
        # typing an id by hand still works, and a known id selects its entry
        await type_into(pilot, "product_id", "my-own-id")
        assert editor(app).state.get("product_id") == "my-own-id"
        known = product._lookup.options[0][1]
        await type_into(pilot, "product_id", known)
        assert product.query_one("#choices").value == known
