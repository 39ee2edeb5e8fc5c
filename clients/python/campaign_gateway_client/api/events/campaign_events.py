from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.campaign_events_response_200 import CampaignEventsResponse200
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    campaign_id: UUID,
    *,
    after: str | Unset = UNSET,
    type_: list[str] | Unset = UNSET,
    limit: int | Unset = 100,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["after"] = after

    json_type_: list[str] | Unset = UNSET
    if not isinstance(type_, Unset):
        json_type_ = type_

    params["type"] = json_type_

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/campaigns/{campaign_id}/events".format(
            campaign_id=quote(str(campaign_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CampaignEventsResponse200 | Problem | None:
    if response.status_code == 200:
        response_200 = CampaignEventsResponse200.from_dict(response.json())

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

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CampaignEventsResponse200 | Problem]:
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
    after: str | Unset = UNSET,
    type_: list[str] | Unset = UNSET,
    limit: int | Unset = 100,
) -> Response[CampaignEventsResponse200 | Problem]:
    """One campaign's events, oldest first

     The event feed (`GET /events`) of one of your campaigns; another tenant's or an unknown id is 404.

    Args:
        campaign_id (UUID):
        after (str | Unset):
        type_ (list[str] | Unset):
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CampaignEventsResponse200 | Problem]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        after=after,
        type_=type_,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    after: str | Unset = UNSET,
    type_: list[str] | Unset = UNSET,
    limit: int | Unset = 100,
) -> CampaignEventsResponse200 | Problem | None:
    """One campaign's events, oldest first

     The event feed (`GET /events`) of one of your campaigns; another tenant's or an unknown id is 404.

    Args:
        campaign_id (UUID):
        after (str | Unset):
        type_ (list[str] | Unset):
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CampaignEventsResponse200 | Problem
    """

    return sync_detailed(
        campaign_id=campaign_id,
        client=client,
        after=after,
        type_=type_,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    after: str | Unset = UNSET,
    type_: list[str] | Unset = UNSET,
    limit: int | Unset = 100,
) -> Response[CampaignEventsResponse200 | Problem]:
    """One campaign's events, oldest first

     The event feed (`GET /events`) of one of your campaigns; another tenant's or an unknown id is 404.

    Args:
        campaign_id (UUID):
        after (str | Unset):
        type_ (list[str] | Unset):
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CampaignEventsResponse200 | Problem]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        after=after,
        type_=type_,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    after: str | Unset = UNSET,
    type_: list[str] | Unset = UNSET,
    limit: int | Unset = 100,
) -> CampaignEventsResponse200 | Problem | None:
    """One campaign's events, oldest first

     The event feed (`GET /events`) of one of your campaigns; another tenant's or an unknown id is 404.

    Args:
        campaign_id (UUID):
        after (str | Unset):
        type_ (list[str] | Unset):
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CampaignEventsResponse200 | Problem
    """

    return (
        await asyncio_detailed(
            campaign_id=campaign_id,
            client=client,
            after=after,
            type_=type_,
            limit=limit,
        )
    ).parsed
