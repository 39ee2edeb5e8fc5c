from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bad_request_error_response import BadRequestErrorResponse
from ...models.get_conversation_log_by_id_response_200 import GetConversationLogByIdResponse200
from ...models.internal_server_error_response import InternalServerErrorResponse
from ...models.unauthorized_error_response import UnauthorizedErrorResponse
from ...types import Response


def _get_kwargs(
    id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/conversation/{id}".format(
            id=quote(str(id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    Any
    | BadRequestErrorResponse
    | GetConversationLogByIdResponse200
    | InternalServerErrorResponse
    | UnauthorizedErrorResponse
    | None
):
    if response.status_code == 200:
        response_200 = GetConversationLogByIdResponse200.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = BadRequestErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = UnauthorizedErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = cast(Any, None)
        return response_404

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
    Any
    | BadRequestErrorResponse
    | GetConversationLogByIdResponse200
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
    id: str,
    *,
    client: AuthenticatedClient,
) -> Response[
    Any
    | BadRequestErrorResponse
    | GetConversationLogByIdResponse200
    | InternalServerErrorResponse
    | UnauthorizedErrorResponse
]:
    """Get conversation log by ID

     Retrieve detailed information about a specific conversation including transcript, events, and
    latency metrics.

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | BadRequestErrorResponse | GetConversationLogByIdResponse200 | InternalServerErrorResponse | UnauthorizedErrorResponse]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
) -> (
    Any
    | BadRequestErrorResponse
    | GetConversationLogByIdResponse200
    | InternalServerErrorResponse
    | UnauthorizedErrorResponse
    | None
):
    """Get conversation log by ID

     Retrieve detailed information about a specific conversation including transcript, events, and
    latency metrics.

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | BadRequestErrorResponse | GetConversationLogByIdResponse200 | InternalServerErrorResponse | UnauthorizedErrorResponse
    """

    return sync_detailed(
        id=id,
        client=client,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
) -> Response[
    Any
    | BadRequestErrorResponse
    | GetConversationLogByIdResponse200
    | InternalServerErrorResponse
    | UnauthorizedErrorResponse
]:
    """Get conversation log by ID

     Retrieve detailed information about a specific conversation including transcript, events, and
    latency metrics.

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | BadRequestErrorResponse | GetConversationLogByIdResponse200 | InternalServerErrorResponse | UnauthorizedErrorResponse]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
) -> (
    Any
    | BadRequestErrorResponse
    | GetConversationLogByIdResponse200
    | InternalServerErrorResponse
    | UnauthorizedErrorResponse
    | None
):
    """Get conversation log by ID

     Retrieve detailed information about a specific conversation including transcript, events, and
    latency metrics.

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | BadRequestErrorResponse | GetConversationLogByIdResponse200 | InternalServerErrorResponse | UnauthorizedErrorResponse
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
        )
    ).parsed
