"""Typed pydantic models of the v2 API's answers: endpoint get and list, products, errors.

Lax on purpose, as servers are: numbers sent as strings are read as numbers, numbers where
text is expected become text, and unknown fields are ignored.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Answer(BaseModel):
    model_config = ConfigDict(extra="ignore", coerce_numbers_to_str=True)


class Status(_Answer):
    status: str = "unknown"
    error: str | None = None
    message: str | None = None


class Worker(_Answer):
    id: str = ""
    status: Status | str | None = None
    log: str | None = None
    health: bool | None = None
    drain: bool | None = None


class WorkerConfig(_Answer):
    min_replicas: int | None = None
    max_replicas: int | None = None
    idle_timeout: int | None = None
    max_concurrent_per_worker: int | None = None
    gpu_num: int | None = None
    rootfs_size_gb: int | None = None
    min_cuda_version: str | None = None
    request_timeout: int | None = None


class Policy(_Answer):
    type: str | None = None
    value: int | None = None


class Volume(_Answer):
    type: str | None = None
    id: str | None = None
    size: int | None = None
    mount_point: str | None = None


class EnvVar(_Answer):
    key: str = ""
    value: str = ""


class HealthCheck(_Answer):
    path: str | None = None
    port: int | None = None


class Endpoint(_Answer):
    """One endpoint of a get answer or a list page (list items carry no ``type``)."""

    id: str
    type: str | None = None
    name: str | None = None
    app_name: str | None = None
    status: Status | str | None = None
    url: str | None = None
    product_id: str | None = None
    region_id: str | None = None
    image: str | None = None
    registry_auth_id: str | None = None
    entrypoint: str | None = None
    command: str | None = None
    worker_config: WorkerConfig | None = None
    policy: Policy | None = None
    volumes: list[Volume] = Field(default_factory=list)
    envs: list[EnvVar] = Field(default_factory=list)
    ports: list[int] = Field(default_factory=list)
    health_check: HealthCheck | None = None
    workers: list[Worker] = Field(default_factory=list)
    created_at: float | None = None


class EndpointPage(_Answer):
    data: list[Endpoint] = Field(default_factory=list)
    next_cursor: str | None = None
    has_more: bool = False


class Gpu(_Answer):
    memory_gb: int | None = None


class ResourceSpec(_Answer):
    gpu: Gpu | None = None


class Postpaid(_Answer):
    final_price: int | None = None


class Pricing(_Answer):
    precision: int | None = None
    postpaid: Postpaid | None = None


class Product(_Answer):
    id: str
    name: str | None = None
    region_ids: list[str] = Field(default_factory=list)
    resource_spec: ResourceSpec | None = None
    pricing: Pricing | None = None
    deployable: bool = True


class ProductPage(_Answer):
    data: list[Product] = Field(default_factory=list)


class ErrorBody(_Answer):
    code: int | str | None = None
    reason: str | None = None
    message: str | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)
