"""What the editor shows from the loaded catalogue (and, under v1, the account's limits):
warnings under fields, the regions the
chosen product is offered in, and the storages a network volume may mount."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..catalogue import catalogue_warnings, limit_warnings, region_options, storage_choices
from ..form_state import FormState
from ..services import Connection


class CatalogueView:
    def __init__(
        self,
        state: FormState,
        connection: Connection,
        field_rows: Callable[[], dict[str, Any]],
        want_lookups: Callable[[], None],
        later: Callable[..., Any],
    ) -> None:
        self.state = state
        self.connection = connection
        self.field_rows = field_rows
        self.want_lookups = want_lookups
        # a drop-down mounted this turn cannot take new options before it is composed
        self.later = later
        self._regions_shown: tuple[Any, list[tuple[str, str]]] | None = None

    def show(self) -> None:
        """Warnings from the catalogue, and the regions offered for the chosen product."""
        data, products, version = self.state.data, self.connection.products, self.state.version
        problems = catalogue_warnings(data, products, version)
        if version == "v1":
            problems += limit_warnings(data, self.connection.limits)
        self.state.catalogue_problems = problems
        regions = self.connection.known_ids.get("region_id")
        row = self.field_rows().get("region_id")
        if regions is not None and row is not None:
            shown = region_options(regions, products, data.get("product_id"), version)
            if (row, shown) != self._regions_shown:  # a new list rebuilds the drop-down
                self._regions_shown = (row, shown)
                self.later(row.set_options, shown)

    def storage_choices(self) -> dict[str, list[tuple[str, str]]]:
        """The network storages in the endpoint's region, for a volume's id."""
        storages = self.connection.storages
        if storages is None:
            self.want_lookups()
            return {}
        return {"id": storage_choices(storages, self.state.get("region_id"))}
