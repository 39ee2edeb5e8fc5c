import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.messages_page import MessagesPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    inbox_ids: list[str] | Unset = UNSET,
    start: datetime.datetime | Unset = UNSET,
    end: datetime.datetime | Unset = UNSET,
    limit: float | Unset = UNSET,
    page: float | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_inbox_ids: list[str] | Unset = UNSET
    if not isinstance(inbox_ids, Unset):
        json_inbox_ids = inbox_ids

    params["inboxIds"] = json_inbox_ids

    json_start: str | Unset = UNSET
    if not isinstance(start, Unset):
        json_start = start.isoformat()
    params["start"] = json_start

    json_end: str | Unset = UNSET
    if not isinstance(end, Unset):
        json_end = end.isoformat()
    params["end"] = json_end

    params["limit"] = limit

    params["page"] = page

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/public/messages",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> MessagesPage | None:
    if response.status_code == 200:
        response_200 = MessagesPage.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[MessagesPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    inbox_ids: list[str] | Unset = UNSET,
    start: datetime.datetime | Unset = UNSET,
    end: datetime.datetime | Unset = UNSET,
    limit: float | Unset = UNSET,
    page: float | Unset = UNSET,
) -> Response[MessagesPage]:
    """Find messages

     Messages of every inbox (or of the given inboxes). Each message carries campaignId and
    campaignMessageId; there is no campaign filter.

    Args:
        inbox_ids (list[str] | Unset):
        start (datetime.datetime | Unset):
        end (datetime.datetime | Unset):
        limit (float | Unset):
        page (float | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MessagesPage]
    """

    kwargs = _get_kwargs(
        inbox_ids=inbox_ids,
        start=start,
        end=end,
        limit=limit,
        page=page,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    inbox_ids: list[str] | Unset = UNSET,
    start: datetime.datetime | Unset = UNSET,
    end: datetime.datetime | Unset = UNSET,
    limit: float | Unset = UNSET,
    page: float | Unset = UNSET,
) -> MessagesPage | None:
    """Find messages

     Messages of every inbox (or of the given inboxes). Each message carries campaignId and
    campaignMessageId; there is no campaign filter.

    Args:
        inbox_ids (list[str] | Unset):
        start (datetime.datetime | Unset):
        end (datetime.datetime | Unset):
        limit (float | Unset):
        page (float | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MessagesPage
    """

    return sync_detailed(
        client=client,
        inbox_ids=inbox_ids,
        start=start,
        end=end,
        limit=limit,
        page=page,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    inbox_ids: list[str] | Unset = UNSET,
    start: datetime.datetime | Unset = UNSET,
    end: datetime.datetime | Unset = UNSET,
    limit: float | Unset = UNSET,
    page: float | Unset = UNSET,
) -> Response[MessagesPage]:
    """Find messages

     Messages of every inbox (or of the given inboxes). Each message carries campaignId and
    campaignMessageId; there is no campaign filter.

    Args:
        inbox_ids (list[str] | Unset):
        start (datetime.datetime | Unset):
        end (datetime.datetime | Unset):
        limit (float | Unset):
        page (float | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MessagesPage]
    """

    kwargs = _get_kwargs(
        inbox_ids=inbox_ids,
        start=start,
        end=end,
        limit=limit,
        page=page,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    inbox_ids: list[str] | Unset = UNSET,
    start: datetime.datetime | Unset = UNSET,
    end: datetime.datetime | Unset = UNSET,
    limit: float | Unset = UNSET,
    page: float | Unset = UNSET,
) -> MessagesPage | None:
    """Find messages

     Messages of every inbox (or of the given inboxes). Each message carries campaignId and
    campaignMessageId; there is no campaign filter.

    Args:
        inbox_ids (list[str] | Unset):
        start (datetime.datetime | Unset):
        end (datetime.datetime | Unset):
        limit (float | Unset):
        page (float | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MessagesPage
    """

    return (
        await asyncio_detailed(
            client=client,
            inbox_ids=inbox_ids,
            start=start,
            end=end,
            limit=limit,
            page=page,
        )
    ).parsed
