"""Where each operation lives, per API version: pure data shared by client, sandbox and curl."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_BASE_URLS: dict[str, str] = {
    "v2": "https://api.ppio.com",
    "v1": "https://api.ppinfra.com/gpu-instance/openapi/v1",
}
# The sandbox serves both versions from one origin; v1 keeps its documented prefix.
SANDBOX_PREFIX: dict[str, str] = {"v2": "", "v1": "/gpu-instance/openapi/v1"}


@dataclass(frozen=True, slots=True)
class Route:
    method: str
    path: str  # relative to the version's base URL; {id} is substituted


ROUTES: dict[str, dict[str, Route]] = {
    "v2": {
        "create": Route("POST", "/gpus/v2/endpoints"),
        "list": Route("GET", "/gpus/v2/endpoints"),
        "get": Route("GET", "/gpus/v2/endpoints/{id}"),
        "update": Route("PUT", "/gpus/v2/endpoints/{id}"),
        "delete": Route("DELETE", "/gpus/v2/endpoints/{id}"),
        "products": Route("GET", "/gpus/v2/products"),
    },
    "v1": {
        "create": Route("POST", "/endpoint/create"),
        "list": Route("GET", "/endpoints"),
        "get": Route("GET", "/endpoint"),
        "update": Route("POST", "/endpoint/update"),
        "delete": Route("POST", "/endpoint/delete"),
        "registry_auths": Route("GET", "/repository/auths"),
        "clusters": Route("GET", "/clusters"),
        "limits": Route("GET", "/endpoint/limit"),
        "storages": Route("GET", "/networkstorages/list"),
    },
}


def route(version: str, operation: str) -> Route:
    return ROUTES[version][operation]


def url_for(base_url: str, version: str, operation: str, endpoint_id: str = "") -> str:
    r = route(version, operation)
    return base_url.rstrip("/") + r.path.replace("{id}", endpoint_id)
