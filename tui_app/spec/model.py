"""The typed pydantic model of an endpoint, generated from the field declarations.

Imported lazily (``tui_app.spec.Endpoint``): the form and the validator work on plain
tables and never pay for pydantic at start-up.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from .fields import FieldSpec
from .schema import FIELDS, GROUPS, keys_of

_CONFIG = ConfigDict(extra="forbid", strict=True, frozen=True)


def _scalar(spec: FieldSpec) -> Any:
    if spec.kind == "enum":
        return Literal[spec.choices]  # type: ignore[valid-type]
    return int if spec.kind == "int" else str


def _camel(key: str) -> str:
    return "".join(part.title() for part in key.split("_"))


def _build(group: str, name: str) -> type[BaseModel]:
    fields: dict[str, Any] = {}
    for key in keys_of(group):
        path = f"{group}.{key}" if group else key
        if path in GROUPS:
            fields[key] = (_build(path, _camel(key)) | None, None)
        elif f"{path}.*" in GROUPS:
            fields[key] = (list[_build(f"{path}.*", _camel(key))], Field(default_factory=list))  # type: ignore[misc]
        elif f"{path}.*" in FIELDS:
            spec = FIELDS[f"{path}.*"]
            item = Annotated[_scalar(spec), Field(**spec.limits.pydantic_kwargs())]
            fields[key] = (list[item], Field(default_factory=list))  # type: ignore[valid-type]
        else:
            spec = FIELDS[path]
            bounds = spec.limits.pydantic_kwargs() if spec.kind == "str" else {}
            if spec.kind == "int":
                bounds = {
                    k: v for k, v in spec.limits.pydantic_kwargs().items() if k in ("ge", "le")
                }
            fields[key] = (_scalar(spec) | None, Field(None, description=spec.help, **bounds))
    return create_model(name, __config__=_CONFIG, **fields)


Endpoint = _build("", "Endpoint")
WorkerConfig = Endpoint.model_fields["worker_config"].annotation.__args__[0]  # type: ignore[union-attr]
Policy = Endpoint.model_fields["policy"].annotation.__args__[0]  # type: ignore[union-attr]
HealthCheck = Endpoint.model_fields["health_check"].annotation.__args__[0]  # type: ignore[union-attr]
Volume = Endpoint.model_fields["volumes"].annotation.__args__[0]  # type: ignore[union-attr]
EnvVar = Endpoint.model_fields["envs"].annotation.__args__[0]  # type: ignore[union-attr]
