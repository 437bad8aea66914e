"""The sandbox's world: serverless products, regions/clusters, registry auths, storages, limits.

Shapes follow the documented responses (v2 products; v1 clusters, repository auths,
network storages and endpoint limits). Names and prices are plausible, not PPIO's.
Product ids "1" and "2" are the serverless ids seen in practice for the RTX 4090 and 3090.
"""

from __future__ import annotations

from typing import Any

REGIONS: tuple[dict[str, Any], ...] = (
    {
        "id": "cn-east-1",
        "name": "East China 1",
        "availableGpuType": ["RTX 4090 24GB", "RTX 3090 24GB", "H100 80GB"],
        "supportNetworkStorage": True,
        "supportInstanceNetwork": True,
    },
    {
        "id": "cn-south-1",
        "name": "South China 1",
        "availableGpuType": ["RTX 4090 24GB"],
        "supportNetworkStorage": False,
        "supportInstanceNetwork": True,
    },
    {
        "id": "us-west-1",
        "name": "US West 1",
        "availableGpuType": ["RTX 4090 24GB", "RTX 3090 24GB", "H100 80GB"],
        "supportNetworkStorage": True,
        "supportInstanceNetwork": False,
    },
)

ROOTFS = {"min_gb": 10, "max_gb": 130, "free_gb": 50}


def _product(
    pid: str, name: str, memory: int, regions: list[str], price: int, gpu_max: int, cpu: int
) -> dict[str, Any]:
    return {
        "id": pid,
        "name": name,
        "type": "gpu",
        "category": "serverless",
        "description": f"{name} serverless workers",
        "region_ids": regions,
        "resource_spec": {
            "gpu": {
                "spec_id": f"gpu-{pid}",
                "name": name,
                "memory_gb": memory,
                "min": 1,
                "max": gpu_max,
                "available": gpu_max,
                "max_available": gpu_max,
            },
            "cpu": cpu,
            "memory_gb": cpu * 4,
            "rootfs": dict(ROOTFS),
        },
        # integer prices scaled by 10**precision: 690 at precision 3 is 0.690 per hour
        "pricing": {
            "precision": 3,
            "postpaid": {"base_price": price * 10 // 7, "final_price": price, "unit": "per_hour"},
            "spot": {"base_price": price, "final_price": price // 2, "unit": "per_hour"},
            "prepaid": [],
            "storage_price_per_gb": 70,
        },
        "billing_methods": ["postpaid", "spot"],
        "inventory_state": "normal",
        "deployable": True,
        "activity": {"is_activity_product": False, "active": False, "purchasable": True},
    }


PRODUCTS: tuple[dict[str, Any], ...] = (
    _product("1", "RTX 4090 24GB", 24, ["cn-east-1", "cn-south-1", "us-west-1"], 690, 4, 16),
    _product("2", "RTX 3090 24GB", 24, ["cn-east-1", "us-west-1"], 390, 4, 12),
    _product("3", "H100 80GB", 80, ["cn-east-1", "us-west-1"], 2890, 8, 24),
)

REGISTRY_AUTHS: tuple[dict[str, str], ...] = (
    # the documented list returns passwords in clear; the client must never show them
    {
        "id": "75irlsvvsehnqdajg2r481mjk54ecodc",
        "name": "ghcr-readonly",
        "username": "octocat",
        "password": "sandbox-registry-password",
    },
    {
        "id": "ra2k9q7d1mxv5t3b8n6c4z0w",
        "name": "dockerhub-team",
        "username": "team-bot",
        "password": "sandbox-dockerhub-password",
    },
)

STORAGES: tuple[dict[str, Any], ...] = (
    {
        "storageId": "ns-comfyui-models",
        "storageName": "comfyui-models",
        "storageSize": 500,
        "clusterId": "cn-east-1",
        "clusterName": "East China 1",
        "price": "0.07",
    },
    {
        "storageId": "ns-batch-data",
        "storageName": "batch-data",
        "storageSize": 2000,
        "clusterId": "cn-east-1",
        "clusterName": "East China 1",
        "price": "0.07",
    },
    {
        "storageId": "ns-datasets",
        "storageName": "datasets",
        "storageSize": 1000,
        "clusterId": "us-west-1",
        "clusterName": "US West 1",
        "price": "0.07",
    },
)

# GET /endpoint/limit: the keys the live API is known to return
LIMITS: dict[str, Any] = {
    "minRootfsSize": ROOTFS["min_gb"],
    "maxRootfsSize": ROOTFS["max_gb"],
    "freeRootfsSize": ROOTFS["free_gb"],
    "minLocalVolumeSize": 10,
    "maxLocalVolumeSize": 500,
    "freeLocalVolumeSize": 30,
    "minWorkerNum": 0,
    "maxWorkerNum": 1000,
    "minFreeTimeout": 5,
    "maxFreeTimeout": 3600,
    "minConcurrencyNum": 1,
    "maxConcurrencyNum": 1000,
    "minQueueWaitTime": 1,
    "maxQueueWaitTime": 3600,
    "minRequestNum": 1,
    "maxRequestNum": 1000,
    "minGPUNum": 1,
    "maxGPUNum": 8,
    "minRequestTimeout": 1,
    "maxRequestTimeout": 3600,
    "cudaVersionList": ["11.8", "12.1", "12.2", "12.4", "12.6", "12.8"],
}

PRODUCTS_BY_ID = {p["id"]: p for p in PRODUCTS}
REGION_IDS = frozenset(r["id"] for r in REGIONS)
AUTH_IDS = frozenset(a["id"] for a in REGISTRY_AUTHS)
STORAGES_BY_ID = {s["storageId"]: s for s in STORAGES}
