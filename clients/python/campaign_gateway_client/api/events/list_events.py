from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_events_response_200 import ListEventsResponse200
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    after: str | Unset = UNSET,
    type_: list[str] | Unset = UNSET,
    campaign_id: UUID | Unset = UNSET,
    limit: int | Unset = 100,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["after"] = after

    json_type_: list[str] | Unset = UNSET
    if not isinstance(type_, Unset):
        json_type_ = type_

    params["type"] = json_type_

    json_campaign_id: str | Unset = UNSET
    if not isinstance(campaign_id, Unset):
        json_campaign_id = str(campaign_id)
    params["campaign_id"] = json_campaign_id

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/events",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ListEventsResponse200 | Problem | None:
    if response.status_code == 200:
        response_200 = ListEventsResponse200.from_dict(response.json())

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
) -> Response[ListEventsResponse200 | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    after: str | Unset = UNSET,
    type_: list[str] | Unset = UNSET,
    campaign_id: UUID | Unset = UNSET,
    limit: int | Unset = 100,
) -> Response[ListEventsResponse200 | Problem]:
    """Your events, oldest first

     Everything the vendors reported about your campaigns (their webhooks, and what the status sync read)
    and what the gateway did (created, actions), in one form, in the order the gateway stored them. Page
    with `after`: pass the `next_cursor` of the last page; an empty page (`next_cursor` null) means
    nothing newer yet, so keep the last cursor you had and ask again later. Events are kept
    GATEWAY_EVENT_RETENTION_DAYS days (30).

    Args:
        after (str | Unset):
        type_ (list[str] | Unset):
        campaign_id (UUID | Unset):
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ListEventsResponse200 | Problem]
    """

    kwargs = _get_kwargs(
        after=after,
        type_=type_,
        campaign_id=campaign_id,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    after: str | Unset = UNSET,
    type_: list[str] | Unset = UNSET,
    campaign_id: UUID | Unset = UNSET,
    limit: int | Unset = 100,
) -> ListEventsResponse200 | Problem | None:
    """Your events, oldest first

     Everything the vendors reported about your campaigns (their webhooks, and what the status sync read)
    and what the gateway did (created, actions), in one form, in the order the gateway stored them. Page
    with `after`: pass the `next_cursor` of the last page; an empty page (`next_cursor` null) means
    nothing newer yet, so keep the last cursor you had and ask again later. Events are kept
    GATEWAY_EVENT_RETENTION_DAYS days (30).

    Args:
        after (str | Unset):
        type_ (list[str] | Unset):
        campaign_id (UUID | Unset):
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListEventsResponse200 | Problem
    """

    return sync_detailed(
        client=client,
        after=after,
        type_=type_,
        campaign_id=campaign_id,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    after: str | Unset = UNSET,
    type_: list[str] | Unset = UNSET,
    campaign_id: UUID | Unset = UNSET,
    limit: int | Unset = 100,
) -> Response[ListEventsResponse200 | Problem]:
    """Your events, oldest first

     Everything the vendors reported about your campaigns (their webhooks, and what the status sync read)
    and what the gateway did (created, actions), in one form, in the order the gateway stored them. Page
    with `after`: pass the `next_cursor` of the last page; an empty page (`next_cursor` null) means
    nothing newer yet, so keep the last cursor you had and ask again later. Events are kept
    GATEWAY_EVENT_RETENTION_DAYS days (30).

    Args:
        after (str | Unset):
        type_ (list[str] | Unset):
        campaign_id (UUID | Unset):
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ListEventsResponse200 | Problem]
    """

    kwargs = _get_kwargs(
        after=after,
        type_=type_,
        campaign_id=campaign_id,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    after: str | Unset = UNSET,
    type_: list[str] | Unset = UNSET,
    campaign_id: UUID | Unset = UNSET,
    limit: int | Unset = 100,
) -> ListEventsResponse200 | Problem | None:
    """Your events, oldest first

     Everything the vendors reported about your campaigns (their webhooks, and what the status sync read)
    and what the gateway did (created, actions), in one form, in the order the gateway stored them. Page
    with `after`: pass the `next_cursor` of the last page; an empty page (`next_cursor` null) means
    nothing newer yet, so keep the last cursor you had and ask again later. Events are kept
    GATEWAY_EVENT_RETENTION_DAYS days (30).

    Args:
        after (str | Unset):
        type_ (list[str] | Unset):
        campaign_id (UUID | Unset):
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListEventsResponse200 | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            after=after,
            type_=type_,
            campaign_id=campaign_id,
            limit=limit,
        )
    ).parsed
