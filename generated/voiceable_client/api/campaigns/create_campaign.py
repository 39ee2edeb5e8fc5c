from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.campaign_created_response import CampaignCreatedResponse
from ...models.create_campaign_request import CreateCampaignRequest
from ...models.error_response import ErrorResponse
from ...types import Response


def _get_kwargs(
    *,
    body: CreateCampaignRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/campaigns",
    }

    _kwargs["files"] = body.to_multipart()

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CampaignCreatedResponse | ErrorResponse | None:
    if response.status_code == 201:
        response_201 = CampaignCreatedResponse.from_dict(response.json())

        return response_201

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = ErrorResponse.from_dict(response.json())

        return response_422

    if response.status_code == 502:
        response_502 = ErrorResponse.from_dict(response.json())

        return response_502

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CampaignCreatedResponse | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateCampaignRequest,
) -> Response[CampaignCreatedResponse | ErrorResponse]:
    """Create Campaign

     Create a new campaign for the authenticated user. This endpoint accepts multipart/form-data.

    Conditional rule OpenAPI 3.0 cannot express here: when `send_immediately` is false, `schedule_date`
    and `schedule_time` are both required (x-required-unless records it for tools that read it; the
    gateway's sandbox enforces it).

    Args:
        body (CreateCampaignRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CampaignCreatedResponse | ErrorResponse]
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
    body: CreateCampaignRequest,
) -> CampaignCreatedResponse | ErrorResponse | None:
    """Create Campaign

     Create a new campaign for the authenticated user. This endpoint accepts multipart/form-data.

    Conditional rule OpenAPI 3.0 cannot express here: when `send_immediately` is false, `schedule_date`
    and `schedule_time` are both required (x-required-unless records it for tools that read it; the
    gateway's sandbox enforces it).

    Args:
        body (CreateCampaignRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CampaignCreatedResponse | ErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateCampaignRequest,
) -> Response[CampaignCreatedResponse | ErrorResponse]:
    """Create Campaign

     Create a new campaign for the authenticated user. This endpoint accepts multipart/form-data.

    Conditional rule OpenAPI 3.0 cannot express here: when `send_immediately` is false, `schedule_date`
    and `schedule_time` are both required (x-required-unless records it for tools that read it; the
    gateway's sandbox enforces it).

    Args:
        body (CreateCampaignRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CampaignCreatedResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CreateCampaignRequest,
) -> CampaignCreatedResponse | ErrorResponse | None:
    """Create Campaign

     Create a new campaign for the authenticated user. This endpoint accepts multipart/form-data.

    Conditional rule OpenAPI 3.0 cannot express here: when `send_immediately` is false, `schedule_date`
    and `schedule_time` are both required (x-required-unless records it for tools that read it; the
    gateway's sandbox enforces it).

    Args:
        body (CreateCampaignRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CampaignCreatedResponse | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
