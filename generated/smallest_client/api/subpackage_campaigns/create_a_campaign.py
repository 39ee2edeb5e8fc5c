from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_response import ApiResponse
from ...models.bad_request_error_response import BadRequestErrorResponse
from ...models.campaigns_create_a_campaign_response_201 import CampaignsCreateACampaignResponse201
from ...models.create_a_campaign_body import CreateACampaignBody
from ...models.internal_server_error_response import InternalServerErrorResponse
from ...models.unauthorized_error_response import UnauthorizedErrorResponse
from ...types import Response


def _get_kwargs(
    *,
    body: CreateACampaignBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/campaign",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ApiResponse
    | BadRequestErrorResponse
    | CampaignsCreateACampaignResponse201
    | InternalServerErrorResponse
    | UnauthorizedErrorResponse
    | None
):
    if response.status_code == 201:
        response_201 = CampaignsCreateACampaignResponse201.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = BadRequestErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = UnauthorizedErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ApiResponse.from_dict(response.json())

        return response_403

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
    ApiResponse
    | BadRequestErrorResponse
    | CampaignsCreateACampaignResponse201
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
    body: CreateACampaignBody,
) -> Response[
    ApiResponse
    | BadRequestErrorResponse
    | CampaignsCreateACampaignResponse201
    | InternalServerErrorResponse
    | UnauthorizedErrorResponse
]:
    """Create a campaign

     Create a campaign

    Args:
        body (CreateACampaignBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiResponse | BadRequestErrorResponse | CampaignsCreateACampaignResponse201 | InternalServerErrorResponse | UnauthorizedErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: CreateACampaignBody,
) -> (
    ApiResponse
    | BadRequestErrorResponse
    | CampaignsCreateACampaignResponse201
    | InternalServerErrorResponse
    | UnauthorizedErrorResponse
    | None
):
    """Create a campaign

     Create a campaign

    Args:
        body (CreateACampaignBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiResponse | BadRequestErrorResponse | CampaignsCreateACampaignResponse201 | InternalServerErrorResponse | UnauthorizedErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateACampaignBody,
) -> Response[
    ApiResponse
    | BadRequestErrorResponse
    | CampaignsCreateACampaignResponse201
    | InternalServerErrorResponse
    | UnauthorizedErrorResponse
]:
    """Create a campaign

     Create a campaign

    Args:
        body (CreateACampaignBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiResponse | BadRequestErrorResponse | CampaignsCreateACampaignResponse201 | InternalServerErrorResponse | UnauthorizedErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CreateACampaignBody,
) -> (
    ApiResponse
    | BadRequestErrorResponse
    | CampaignsCreateACampaignResponse201
    | InternalServerErrorResponse
    | UnauthorizedErrorResponse
    | None
):
    """Create a campaign

     Create a campaign

    Args:
        body (CreateACampaignBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiResponse | BadRequestErrorResponse | CampaignsCreateACampaignResponse201 | InternalServerErrorResponse | UnauthorizedErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
