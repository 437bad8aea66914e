"""The question before the one action that costs money: what will be created, and where."""

from __future__ import annotations

from typing import Any

from .confirm import ConfirmModal


def _value(data: dict[str, Any], path: str) -> Any:
    head, _, leaf = path.partition(".")
    value = data.get(head)
    if leaf:
        value = value.get(leaf) if isinstance(value, dict) else None
    return value


def _shown(value: Any) -> str:
    return "(not set)" if value in (None, "") else str(value)


def submit_summary(
    data: dict[str, Any], *, version: str, target: str, product: str | None = None
) -> str:
    """Plain lines (never markup: names are user text) summarising the create call."""
    product_id = _value(data, "product_id")
    product_line = _shown(product_id) + (f" — {product}" if product else "")
    low, high = (
        _value(data, "worker_config.min_replicas"),
        _value(data, "worker_config.max_replicas"),
    )
    replicas = f"{_shown(low if low is not None else 0)}–{_shown(high)}"
    lines = [
        f"Name:            {_shown(data.get('name'))}",
        f"Product / GPU:   {product_line}",
        f"GPUs per worker: {_shown(_value(data, 'worker_config.gpu_num'))}",
        f"Workers:         {replicas} (min–max)",
        f"Image:           {_shown(data.get('image'))}",
        f"Target:          {target} ({version} API)",
    ]
    return "\n".join(lines)


NO_KEY = (
    "⚠ No API key is set for this target: the server will refuse the request (401) and "
    "nothing is created. Set PPIO_API_KEY or the profile's key, then submit again."
)


def submit_confirm(
    data: dict[str, Any],
    *,
    version: str,
    target: str,
    sandbox: bool,
    product: str | None = None,
    update_of: str | None = None,
    changes: tuple[str, ...] = (),
    taken: bool = False,
    cost: str | None = None,
    no_key: bool = False,
) -> ConfirmModal:
    where = " in the SANDBOX" if sandbox else ""
    if update_of is None:
        title = f"Create this endpoint{where}?"
    elif taken:
        title = f"The name is taken{where}: update the existing one instead ({update_of})?"
    else:
        title = f"Update {update_of}{where}?"
    if not sandbox:
        title += " Running workers are billed."
    body = submit_summary(data, version=version, target=target, product=product)
    if cost:
        body += f"\nCost:            {cost}"
    if update_of is not None:
        body += "\n\nChanges:\n" + "\n".join(f"  {line}" for line in changes)
    label = "Create" if update_of is None else "Update"
    if no_key:
        title = "Send without an API key?"
        body = f"{NO_KEY}\n\n{body}"
        label = "Send anyway"
    return ConfirmModal(title, body, confirm_label=label, cancel_label="Cancel")
