"""The questions a flow may ask, as plain descriptions (named tuples: immutable, and cheap
to define at start-up).

A flow calls ``ask(question, answered)``; the screen shows the matching modal and calls
``answered`` with what it was dismissed with (``None`` when escaped). Tests answer with a
list instead of a terminal.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, NamedTuple


class Confirm(NamedTuple):
    """Yes or no: answered with True or False."""

    title: str
    body: str
    label: str


class Prompt(NamedTuple):
    """One line of text: answered with it, or None."""

    title: str
    value: str = ""
    placeholder: str = ""
    check: Callable[[str], str | None] | None = None
    # the input is masked and its text kept as typed (a secret)
    password: bool = False


class PickPreset(NamedTuple):
    """The preset picker: answered with a ``PickerChoice`` or None."""

    entries: list[Any]
    problems: Sequence[str] = ()
    templates_only: bool = False
    current: str | None = None


class OfferDraft(NamedTuple):
    """Restore a draft kept from a session that did not end cleanly? True, False or None."""

    draft: Any
    # its place among the drafts offered: (1, 2) is the first of two
    position: tuple[int, int] = (1, 1)


class ConfirmSubmit(NamedTuple):
    """The summary of what a submit creates or updates, and where: answered with True or False."""

    resolved: dict[str, Any]
    version: str
    target: str
    sandbox: bool
    product: str | None = None
    # an update: what it changes (``Change.describe()`` lines), and the endpoint's label
    update_of: str | None = None
    changes: tuple[str, ...] = ()
    taken: bool = False  # offered because a create found the name taken
    cost: str | None = None
    # a real target without an API key: the server will refuse the create
    no_key: bool = False


class CreateOutcome(NamedTuple):
    """A create whose outcome is not confirmed; ``check`` looks the endpoint up once more
    (never sends the create again) and returns the newer result."""

    result: Any
    check: Callable[[Any], Awaitable[Any]]


Question = Confirm | Prompt | PickPreset | OfferDraft | ConfirmSubmit | CreateOutcome
Ask = Callable[[Question, Callable[[Any], None]], None]
