from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.campaign import Campaign
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    campaign_id: UUID,
    *,
    refresh: bool | Unset = False,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["refresh"] = refresh

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/campaigns/{campaign_id}".format(
            campaign_id=quote(str(campaign_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Campaign | Problem | None:
    if response.status_code == 200:
        response_200 = Campaign.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 502:
        response_502 = Problem.from_dict(response.json())

        return response_502

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if response.status_code == 504:
        response_504 = Problem.from_dict(response.json())

        return response_504

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Campaign | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    refresh: bool | Unset = False,
) -> Response[Campaign | Problem]:
    """One of your campaigns

     The stored view: status, progress, when the vendor's state was last read (`synced_at`) and the
    actions taken. With `refresh=true` the vendor is asked first (at most once a second per campaign;
    otherwise the stored view), where the vendor has a get operation.

    Args:
        campaign_id (UUID):
        refresh (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Campaign | Problem]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        refresh=refresh,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    refresh: bool | Unset = False,
) -> Campaign | Problem | None:
    """One of your campaigns

     The stored view: status, progress, when the vendor's state was last read (`synced_at`) and the
    actions taken. With `refresh=true` the vendor is asked first (at most once a second per campaign;
    otherwise the stored view), where the vendor has a get operation.

    Args:
        campaign_id (UUID):
        refresh (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Campaign | Problem
    """

    return sync_detailed(
        campaign_id=campaign_id,
        client=client,
        refresh=refresh,
    ).parsed


async def asyncio_detailed(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    refresh: bool | Unset = False,
) -> Response[Campaign | Problem]:
    """One of your campaigns

     The stored view: status, progress, when the vendor's state was last read (`synced_at`) and the
    actions taken. With `refresh=true` the vendor is asked first (at most once a second per campaign;
    otherwise the stored view), where the vendor has a get operation.

    Args:
        campaign_id (UUID):
        refresh (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Campaign | Problem]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        refresh=refresh,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    refresh: bool | Unset = False,
) -> Campaign | Problem | None:
    """One of your campaigns

     The stored view: status, progress, when the vendor's state was last read (`synced_at`) and the
    actions taken. With `refresh=true` the vendor is asked first (at most once a second per campaign;
    otherwise the stored view), where the vendor has a get operation.

    Args:
        campaign_id (UUID):
        refresh (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Campaign | Problem
    """

    return (
        await asyncio_detailed(
            campaign_id=campaign_id,
            client=client,
            refresh=refresh,
        )
    ).parsed
