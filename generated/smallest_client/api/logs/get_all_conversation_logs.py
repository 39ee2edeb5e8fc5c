import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bad_request_error_response import BadRequestErrorResponse
from ...models.get_all_conversation_logs_call_types import GetAllConversationLogsCallTypes
from ...models.get_all_conversation_logs_response_200 import GetAllConversationLogsResponse200
from ...models.get_all_conversation_logs_sort_by import GetAllConversationLogsSortBy
from ...models.get_all_conversation_logs_sort_order import GetAllConversationLogsSortOrder
from ...models.internal_server_error_response import InternalServerErrorResponse
from ...models.unauthorized_error_response import UnauthorizedErrorResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page: int | Unset = 1,
    limit: int | Unset = 5,
    agent_ids: str | Unset = UNSET,
    campaign_ids: str | Unset = UNSET,
    call_types: GetAllConversationLogsCallTypes | Unset = UNSET,
    search: str | Unset = UNSET,
    status_filter: str | Unset = UNSET,
    disconnect_reason_filter: str | Unset = UNSET,
    call_attempt_filter: str | Unset = UNSET,
    duration_filter: str | Unset = UNSET,
    sort_by: GetAllConversationLogsSortBy | Unset = UNSET,
    sort_order: GetAllConversationLogsSortOrder | Unset = UNSET,
    date_from: datetime.datetime | Unset = UNSET,
    date_to: datetime.datetime | Unset = UNSET,
    version_filter: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page"] = page

    params["limit"] = limit

    params["agentIds"] = agent_ids

    params["campaignIds"] = campaign_ids

    json_call_types: str | Unset = UNSET
    if not isinstance(call_types, Unset):
        json_call_types = call_types.value

    params["callTypes"] = json_call_types

    params["search"] = search

    params["statusFilter"] = status_filter

    params["disconnectReasonFilter"] = disconnect_reason_filter

    params["callAttemptFilter"] = call_attempt_filter

    params["durationFilter"] = duration_filter

    json_sort_by: str | Unset = UNSET
    if not isinstance(sort_by, Unset):
        json_sort_by = sort_by.value

    params["sortBy"] = json_sort_by

    json_sort_order: str | Unset = UNSET
    if not isinstance(sort_order, Unset):
        json_sort_order = sort_order.value

    params["sortOrder"] = json_sort_order

    json_date_from: str | Unset = UNSET
    if not isinstance(date_from, Unset):
        json_date_from = date_from.isoformat()
    params["dateFrom"] = json_date_from

    json_date_to: str | Unset = UNSET
    if not isinstance(date_to, Unset):
        json_date_to = date_to.isoformat()
    params["dateTo"] = json_date_to

    params["versionFilter"] = version_filter

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/conversation",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    BadRequestErrorResponse
    | GetAllConversationLogsResponse200
    | InternalServerErrorResponse
    | UnauthorizedErrorResponse
    | None
):
    if response.status_code == 200:
        response_200 = GetAllConversationLogsResponse200.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = BadRequestErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = UnauthorizedErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 500:
        response_500 = InternalServerErrorResponse.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    BadRequestErrorResponse
    | GetAllConversationLogsResponse200
    | InternalServerErrorResponse
    | UnauthorizedErrorResponse
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    limit: int | Unset = 5,
    agent_ids: str | Unset = UNSET,
    campaign_ids: str | Unset = UNSET,
    call_types: GetAllConversationLogsCallTypes | Unset = UNSET,
    search: str | Unset = UNSET,
    status_filter: str | Unset = UNSET,
    disconnect_reason_filter: str | Unset = UNSET,
    call_attempt_filter: str | Unset = UNSET,
    duration_filter: str | Unset = UNSET,
    sort_by: GetAllConversationLogsSortBy | Unset = UNSET,
    sort_order: GetAllConversationLogsSortOrder | Unset = UNSET,
    date_from: datetime.datetime | Unset = UNSET,
    date_to: datetime.datetime | Unset = UNSET,
    version_filter: str | Unset = UNSET,
) -> Response[
    BadRequestErrorResponse
    | GetAllConversationLogsResponse200
    | InternalServerErrorResponse
    | UnauthorizedErrorResponse
]:
    """Get all conversation logs

     Retrieve paginated conversation logs with support for various filters. Returns call logs for agents
    belonging to the authenticated user's organization.

    **To discover new inbound calls, use webhooks instead of polling this endpoint.** Subscribe an agent
    to the `pre-conversation` webhook event: it fires the moment an inbound call connects and delivers
    `callId`, `fromPhone`, and `toPhone`, so you get every new call in real time with no polling load.
    See the [Webhooks guide](/voice-agents/platform/features/webhooks). Poll this endpoint only for
    backfill or reconciliation.

    **If you do poll, use the default sort.** The default query (no `sortBy`) sorts by `updatedAt`
    descending and is index-backed, so it stays fast even on large accounts. Request the first page and
    keep the list small: `page=1&limit=N` (optionally `callTypes=telephony_inbound` for inbound only).
    This returns in well under a second. To detect new calls between polls, track the conversation IDs
    you have already seen rather than a single timestamp, since the default order is `updatedAt` (a
    recently-updated older call can move to the top).

    **Avoid `sortBy=createdAt`, `dateFrom`, and `dateTo` on large accounts.** These sort or range-filter
    on `createdAt`, which is not index-backed for the organization-wide query and forces a full scan of
    your conversation history. On accounts with a large history this can exceed the gateway timeout and
    return a 504. Prefer the default `updatedAt` sort above.

    `agentIds` and `campaignIds` accept comma-separated IDs and narrow the result set, but do not pair
    them with `sortBy=createdAt` or `dateFrom` on large accounts (the `createdAt` sort/filter is the
    slow part, not the number of agents).

    Args:
        page (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 5.
        agent_ids (str | Unset):
        campaign_ids (str | Unset):
        call_types (GetAllConversationLogsCallTypes | Unset):
        search (str | Unset):
        status_filter (str | Unset):
        disconnect_reason_filter (str | Unset):
        call_attempt_filter (str | Unset):
        duration_filter (str | Unset):
        sort_by (GetAllConversationLogsSortBy | Unset):
        sort_order (GetAllConversationLogsSortOrder | Unset):
        date_from (datetime.datetime | Unset):
        date_to (datetime.datetime | Unset):
        version_filter (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestErrorResponse | GetAllConversationLogsResponse200 | InternalServerErrorResponse | UnauthorizedErrorResponse]
    """

    kwargs = _get_kwargs(
        page=page,
        limit=limit,
        agent_ids=agent_ids,
        campaign_ids=campaign_ids,
        call_types=call_types,
        search=search,
        status_filter=status_filter,
        disconnect_reason_filter=disconnect_reason_filter,
        call_attempt_filter=call_attempt_filter,
        duration_filter=duration_filter,
        sort_by=sort_by,
        sort_order=sort_order,
        date_from=date_from,
        date_to=date_to,
        version_filter=version_filter,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    limit: int | Unset = 5,
    agent_ids: str | Unset = UNSET,
    campaign_ids: str | Unset = UNSET,
    call_types: GetAllConversationLogsCallTypes | Unset = UNSET,
    search: str | Unset = UNSET,
    status_filter: str | Unset = UNSET,
    disconnect_reason_filter: str | Unset = UNSET,
    call_attempt_filter: str | Unset = UNSET,
    duration_filter: str | Unset = UNSET,
    sort_by: GetAllConversationLogsSortBy | Unset = UNSET,
    sort_order: GetAllConversationLogsSortOrder | Unset = UNSET,
    date_from: datetime.datetime | Unset = UNSET,
    date_to: datetime.datetime | Unset = UNSET,
    version_filter: str | Unset = UNSET,
) -> (
    BadRequestErrorResponse
    | GetAllConversationLogsResponse200
    | InternalServerErrorResponse
    | UnauthorizedErrorResponse
    | None
):
    """Get all conversation logs

     Retrieve paginated conversation logs with support for various filters. Returns call logs for agents
    belonging to the authenticated user's organization.

    **To discover new inbound calls, use webhooks instead of polling this endpoint.** Subscribe an agent
    to the `pre-conversation` webhook event: it fires the moment an inbound call connects and delivers
    `callId`, `fromPhone`, and `toPhone`, so you get every new call in real time with no polling load.
    See the [Webhooks guide](/voice-agents/platform/features/webhooks). Poll this endpoint only for
    backfill or reconciliation.

    **If you do poll, use the default sort.** The default query (no `sortBy`) sorts by `updatedAt`
    descending and is index-backed, so it stays fast even on large accounts. Request the first page and
    keep the list small: `page=1&limit=N` (optionally `callTypes=telephony_inbound` for inbound only).
    This returns in well under a second. To detect new calls between polls, track the conversation IDs
    you have already seen rather than a single timestamp, since the default order is `updatedAt` (a
    recently-updated older call can move to the top).

    **Avoid `sortBy=createdAt`, `dateFrom`, and `dateTo` on large accounts.** These sort or range-filter
    on `createdAt`, which is not index-backed for the organization-wide query and forces a full scan of
    your conversation history. On accounts with a large history this can exceed the gateway timeout and
    return a 504. Prefer the default `updatedAt` sort above.

    `agentIds` and `campaignIds` accept comma-separated IDs and narrow the result set, but do not pair
    them with `sortBy=createdAt` or `dateFrom` on large accounts (the `createdAt` sort/filter is the
    slow part, not the number of agents).

    Args:
        page (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 5.
        agent_ids (str | Unset):
        campaign_ids (str | Unset):
        call_types (GetAllConversationLogsCallTypes | Unset):
        search (str | Unset):
        status_filter (str | Unset):
        disconnect_reason_filter (str | Unset):
        call_attempt_filter (str | Unset):
        duration_filter (str | Unset):
        sort_by (GetAllConversationLogsSortBy | Unset):
        sort_order (GetAllConversationLogsSortOrder | Unset):
        date_from (datetime.datetime | Unset):
        date_to (datetime.datetime | Unset):
        version_filter (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestErrorResponse | GetAllConversationLogsResponse200 | InternalServerErrorResponse | UnauthorizedErrorResponse
    """

    return sync_detailed(
        client=client,
        page=page,
        limit=limit,
        agent_ids=agent_ids,
        campaign_ids=campaign_ids,
        call_types=call_types,
        search=search,
        status_filter=status_filter,
        disconnect_reason_filter=disconnect_reason_filter,
        call_attempt_filter=call_attempt_filter,
        duration_filter=duration_filter,
        sort_by=sort_by,
        sort_order=sort_order,
        date_from=date_from,
        date_to=date_to,
        version_filter=version_filter,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    limit: int | Unset = 5,
    agent_ids: str | Unset = UNSET,
    campaign_ids: str | Unset = UNSET,
    call_types: GetAllConversationLogsCallTypes | Unset = UNSET,
    search: str | Unset = UNSET,
    status_filter: str | Unset = UNSET,
    disconnect_reason_filter: str | Unset = UNSET,
    call_attempt_filter: str | Unset = UNSET,
    duration_filter: str | Unset = UNSET,
    sort_by: GetAllConversationLogsSortBy | Unset = UNSET,
    sort_order: GetAllConversationLogsSortOrder | Unset = UNSET,
    date_from: datetime.datetime | Unset = UNSET,
    date_to: datetime.datetime | Unset = UNSET,
    version_filter: str | Unset = UNSET,
) -> Response[
    BadRequestErrorResponse
    | GetAllConversationLogsResponse200
    | InternalServerErrorResponse
    | UnauthorizedErrorResponse
]:
    """Get all conversation logs

     Retrieve paginated conversation logs with support for various filters. Returns call logs for agents
    belonging to the authenticated user's organization.

    **To discover new inbound calls, use webhooks instead of polling this endpoint.** Subscribe an agent
    to the `pre-conversation` webhook event: it fires the moment an inbound call connects and delivers
    `callId`, `fromPhone`, and `toPhone`, so you get every new call in real time with no polling load.
    See the [Webhooks guide](/voice-agents/platform/features/webhooks). Poll this endpoint only for
    backfill or reconciliation.

    **If you do poll, use the default sort.** The default query (no `sortBy`) sorts by `updatedAt`
    descending and is index-backed, so it stays fast even on large accounts. Request the first page and
    keep the list small: `page=1&limit=N` (optionally `callTypes=telephony_inbound` for inbound only).
    This returns in well under a second. To detect new calls between polls, track the conversation IDs
    you have already seen rather than a single timestamp, since the default order is `updatedAt` (a
    recently-updated older call can move to the top).

    **Avoid `sortBy=createdAt`, `dateFrom`, and `dateTo` on large accounts.** These sort or range-filter
    on `createdAt`, which is not index-backed for the organization-wide query and forces a full scan of
    your conversation history. On accounts with a large history this can exceed the gateway timeout and
    return a 504. Prefer the default `updatedAt` sort above.

    `agentIds` and `campaignIds` accept comma-separated IDs and narrow the result set, but do not pair
    them with `sortBy=createdAt` or `dateFrom` on large accounts (the `createdAt` sort/filter is the
    slow part, not the number of agents).

    Args:
        page (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 5.
        agent_ids (str | Unset):
        campaign_ids (str | Unset):
        call_types (GetAllConversationLogsCallTypes | Unset):
        search (str | Unset):
        status_filter (str | Unset):
        disconnect_reason_filter (str | Unset):
        call_attempt_filter (str | Unset):
        duration_filter (str | Unset):
        sort_by (GetAllConversationLogsSortBy | Unset):
        sort_order (GetAllConversationLogsSortOrder | Unset):
        date_from (datetime.datetime | Unset):
        date_to (datetime.datetime | Unset):
        version_filter (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestErrorResponse | GetAllConversationLogsResponse200 | InternalServerErrorResponse | UnauthorizedErrorResponse]
    """

    kwargs = _get_kwargs(
        page=page,
        limit=limit,
        agent_ids=agent_ids,
        campaign_ids=campaign_ids,
        call_types=call_types,
        search=search,
        status_filter=status_filter,
        disconnect_reason_filter=disconnect_reason_filter,
        call_attempt_filter=call_attempt_filter,
        duration_filter=duration_filter,
        sort_by=sort_by,
        sort_order=sort_order,
        date_from=date_from,
        date_to=date_to,
        version_filter=version_filter,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    limit: int | Unset = 5,
    agent_ids: str | Unset = UNSET,
    campaign_ids: str | Unset = UNSET,
    call_types: GetAllConversationLogsCallTypes | Unset = UNSET,
    search: str | Unset = UNSET,
    status_filter: str | Unset = UNSET,
    disconnect_reason_filter: str | Unset = UNSET,
    call_attempt_filter: str | Unset = UNSET,
    duration_filter: str | Unset = UNSET,
    sort_by: GetAllConversationLogsSortBy | Unset = UNSET,
    sort_order: GetAllConversationLogsSortOrder | Unset = UNSET,
    date_from: datetime.datetime | Unset = UNSET,
    date_to: datetime.datetime | Unset = UNSET,
    version_filter: str | Unset = UNSET,
) -> (
    BadRequestErrorResponse
    | GetAllConversationLogsResponse200
    | InternalServerErrorResponse
    | UnauthorizedErrorResponse
    | None
):
    """Get all conversation logs

     Retrieve paginated conversation logs with support for various filters. Returns call logs for agents
    belonging to the authenticated user's organization.

    **To discover new inbound calls, use webhooks instead of polling this endpoint.** Subscribe an agent
    to the `pre-conversation` webhook event: it fires the moment an inbound call connects and delivers
    `callId`, `fromPhone`, and `toPhone`, so you get every new call in real time with no polling load.
    See the [Webhooks guide](/voice-agents/platform/features/webhooks). Poll this endpoint only for
    backfill or reconciliation.

    **If you do poll, use the default sort.** The default query (no `sortBy`) sorts by `updatedAt`
    descending and is index-backed, so it stays fast even on large accounts. Request the first page and
    keep the list small: `page=1&limit=N` (optionally `callTypes=telephony_inbound` for inbound only).
    This returns in well under a second. To detect new calls between polls, track the conversation IDs
    you have already seen rather than a single timestamp, since the default order is `updatedAt` (a
    recently-updated older call can move to the top).

    **Avoid `sortBy=createdAt`, `dateFrom`, and `dateTo` on large accounts.** These sort or range-filter
    on `createdAt`, which is not index-backed for the organization-wide query and forces a full scan of
    your conversation history. On accounts with a large history this can exceed the gateway timeout and
    return a 504. Prefer the default `updatedAt` sort above.

    `agentIds` and `campaignIds` accept comma-separated IDs and narrow the result set, but do not pair
    them with `sortBy=createdAt` or `dateFrom` on large accounts (the `createdAt` sort/filter is the
    slow part, not the number of agents).

    Args:
        page (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 5.
        agent_ids (str | Unset):
        campaign_ids (str | Unset):
        call_types (GetAllConversationLogsCallTypes | Unset):
        search (str | Unset):
        status_filter (str | Unset):
        disconnect_reason_filter (str | Unset):
        call_attempt_filter (str | Unset):
        duration_filter (str | Unset):
        sort_by (GetAllConversationLogsSortBy | Unset):
        sort_order (GetAllConversationLogsSortOrder | Unset):
        date_from (datetime.datetime | Unset):
        date_to (datetime.datetime | Unset):
        version_filter (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestErrorResponse | GetAllConversationLogsResponse200 | InternalServerErrorResponse | UnauthorizedErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            page=page,
            limit=limit,
            agent_ids=agent_ids,
            campaign_ids=campaign_ids,
            call_types=call_types,
            search=search,
            status_filter=status_filter,
            disconnect_reason_filter=disconnect_reason_filter,
            call_attempt_filter=call_attempt_filter,
            duration_filter=duration_filter,
            sort_by=sort_by,
            sort_order=sort_order,
            date_from=date_from,
            date_to=date_to,
            version_filter=version_filter,
        )
    ).parsed
