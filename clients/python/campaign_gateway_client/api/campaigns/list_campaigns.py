import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.campaign_status import CampaignStatus
from ...models.dispatch import Dispatch
from ...models.list_campaigns_response_200 import ListCampaignsResponse200
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    vendor: str | Unset = UNSET,
    status: CampaignStatus | Unset = UNSET,
    dispatch: Dispatch | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["vendor"] = vendor

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    json_dispatch: str | Unset = UNSET
    if not isinstance(dispatch, Unset):
        json_dispatch = dispatch.value

    params["dispatch"] = json_dispatch

    json_created_after: str | Unset = UNSET
    if not isinstance(created_after, Unset):
        json_created_after = created_after.isoformat()
    params["created_after"] = json_created_after

    json_created_before: str | Unset = UNSET
    if not isinstance(created_before, Unset):
        json_created_before = created_before.isoformat()
    params["created_before"] = json_created_before

    params["limit"] = limit

    params["cursor"] = cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/campaigns",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ListCampaignsResponse200 | Problem | None:
    if response.status_code == 200:
        response_200 = ListCampaignsResponse200.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ListCampaignsResponse200 | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    vendor: str | Unset = UNSET,
    status: CampaignStatus | Unset = UNSET,
    dispatch: Dispatch | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> Response[ListCampaignsResponse200 | Problem]:
    """List your campaigns, newest first

     Campaigns created through both the vendor-neutral and the native routes, for the caller's tenant
    only. Pages with `limit` and the opaque `next_cursor`.

    Args:
        vendor (str | Unset): A vendor this gateway knows (the list comes from
            specs/vendors.toml).
        status (CampaignStatus | Unset): The vendor's status in the gateway's words. `starting`,
            `pausing`, `resuming` and `cancelling`: the vendor queued an action and the sync has not
            yet seen it done. `unmapped`: a vendor word the gateway has no mapping for
            (`vendor_status` keeps it).
        dispatch (Dispatch | Unset): Whether the vendor took the campaign: `in_flight` while the
            gateway is calling it, `accepted`, `rejected`, or `unknown` when the outcome cannot be
            known (never re-sent automatically; `campaign-gateway reconcile` settles it).
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        limit (int | Unset):  Default: 20.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ListCampaignsResponse200 | Problem]
    """

    kwargs = _get_kwargs(
        vendor=vendor,
        status=status,
        dispatch=dispatch,
        created_after=created_after,
        created_before=created_before,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    vendor: str | Unset = UNSET,
    status: CampaignStatus | Unset = UNSET,
    dispatch: Dispatch | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> ListCampaignsResponse200 | Problem | None:
    """List your campaigns, newest first

     Campaigns created through both the vendor-neutral and the native routes, for the caller's tenant
    only. Pages with `limit` and the opaque `next_cursor`.

    Args:
        vendor (str | Unset): A vendor this gateway knows (the list comes from
            specs/vendors.toml).
        status (CampaignStatus | Unset): The vendor's status in the gateway's words. `starting`,
            `pausing`, `resuming` and `cancelling`: the vendor queued an action and the sync has not
            yet seen it done. `unmapped`: a vendor word the gateway has no mapping for
            (`vendor_status` keeps it).
        dispatch (Dispatch | Unset): Whether the vendor took the campaign: `in_flight` while the
            gateway is calling it, `accepted`, `rejected`, or `unknown` when the outcome cannot be
            known (never re-sent automatically; `campaign-gateway reconcile` settles it).
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        limit (int | Unset):  Default: 20.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListCampaignsResponse200 | Problem
    """

    return sync_detailed(
        client=client,
        vendor=vendor,
        status=status,
        dispatch=dispatch,
        created_after=created_after,
        created_before=created_before,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    vendor: str | Unset = UNSET,
    status: CampaignStatus | Unset = UNSET,
    dispatch: Dispatch | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> Response[ListCampaignsResponse200 | Problem]:
    """List your campaigns, newest first

     Campaigns created through both the vendor-neutral and the native routes, for the caller's tenant
    only. Pages with `limit` and the opaque `next_cursor`.

    Args:
        vendor (str | Unset): A vendor this gateway knows (the list comes from
            specs/vendors.toml).
        status (CampaignStatus | Unset): The vendor's status in the gateway's words. `starting`,
            `pausing`, `resuming` and `cancelling`: the vendor queued an action and the sync has not
            yet seen it done. `unmapped`: a vendor word the gateway has no mapping for
            (`vendor_status` keeps it).
        dispatch (Dispatch | Unset): Whether the vendor took the campaign: `in_flight` while the
            gateway is calling it, `accepted`, `rejected`, or `unknown` when the outcome cannot be
            known (never re-sent automatically; `campaign-gateway reconcile` settles it).
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        limit (int | Unset):  Default: 20.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ListCampaignsResponse200 | Problem]
    """

    kwargs = _get_kwargs(
        vendor=vendor,
        status=status,
        dispatch=dispatch,
        created_after=created_after,
        created_before=created_before,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    vendor: str | Unset = UNSET,
    status: CampaignStatus | Unset = UNSET,
    dispatch: Dispatch | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> ListCampaignsResponse200 | Problem | None:
    """List your campaigns, newest first

     Campaigns created through both the vendor-neutral and the native routes, for the caller's tenant
    only. Pages with `limit` and the opaque `next_cursor`.

    Args:
        vendor (str | Unset): A vendor this gateway knows (the list comes from
            specs/vendors.toml).
        status (CampaignStatus | Unset): The vendor's status in the gateway's words. `starting`,
            `pausing`, `resuming` and `cancelling`: the vendor queued an action and the sync has not
            yet seen it done. `unmapped`: a vendor word the gateway has no mapping for
            (`vendor_status` keeps it).
        dispatch (Dispatch | Unset): Whether the vendor took the campaign: `in_flight` while the
            gateway is calling it, `accepted`, `rejected`, or `unknown` when the outcome cannot be
            known (never re-sent automatically; `campaign-gateway reconcile` settles it).
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        limit (int | Unset):  Default: 20.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListCampaignsResponse200 | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            vendor=vendor,
            status=status,
            dispatch=dispatch,
            created_after=created_after,
            created_before=created_before,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
