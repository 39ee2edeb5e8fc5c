from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bad_request_error_response import BadRequestErrorResponse
from ...models.internal_server_error_response import InternalServerErrorResponse
from ...models.retrieve_all_campaigns_response_200 import RetrieveAllCampaignsResponse200
from ...models.retrieve_all_campaigns_sort_field import RetrieveAllCampaignsSortField
from ...models.retrieve_all_campaigns_sort_order import RetrieveAllCampaignsSortOrder
from ...models.retrieve_all_campaigns_status import RetrieveAllCampaignsStatus
from ...models.unauthorized_error_response import UnauthorizedErrorResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page: int | Unset = 1,
    offset: int | Unset = 5,
    status: RetrieveAllCampaignsStatus | Unset = UNSET,
    search: str | Unset = UNSET,
    sort_field: RetrieveAllCampaignsSortField | Unset = RetrieveAllCampaignsSortField.CREATEDAT,
    sort_order: RetrieveAllCampaignsSortOrder | Unset = RetrieveAllCampaignsSortOrder.DESC,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page"] = page

    params["offset"] = offset

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params["search"] = search

    json_sort_field: str | Unset = UNSET
    if not isinstance(sort_field, Unset):
        json_sort_field = sort_field.value

    params["sortField"] = json_sort_field

    json_sort_order: str | Unset = UNSET
    if not isinstance(sort_order, Unset):
        json_sort_order = sort_order.value

    params["sortOrder"] = json_sort_order

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/campaign",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    BadRequestErrorResponse
    | InternalServerErrorResponse
    | RetrieveAllCampaignsResponse200
    | UnauthorizedErrorResponse
    | None
):
    if response.status_code == 200:
        response_200 = RetrieveAllCampaignsResponse200.from_dict(response.json())

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
    BadRequestErrorResponse | InternalServerErrorResponse | RetrieveAllCampaignsResponse200 | UnauthorizedErrorResponse
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
    offset: int | Unset = 5,
    status: RetrieveAllCampaignsStatus | Unset = UNSET,
    search: str | Unset = UNSET,
    sort_field: RetrieveAllCampaignsSortField | Unset = RetrieveAllCampaignsSortField.CREATEDAT,
    sort_order: RetrieveAllCampaignsSortOrder | Unset = RetrieveAllCampaignsSortOrder.DESC,
) -> Response[
    BadRequestErrorResponse | InternalServerErrorResponse | RetrieveAllCampaignsResponse200 | UnauthorizedErrorResponse
]:
    """Retrieve all campaigns

     Get all campaigns for the authenticated organization.

    Args:
        page (int | Unset):  Default: 1.
        offset (int | Unset):  Default: 5.
        status (RetrieveAllCampaignsStatus | Unset):
        search (str | Unset):
        sort_field (RetrieveAllCampaignsSortField | Unset):  Default:
            RetrieveAllCampaignsSortField.CREATEDAT.
        sort_order (RetrieveAllCampaignsSortOrder | Unset):  Default:
            RetrieveAllCampaignsSortOrder.DESC.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestErrorResponse | InternalServerErrorResponse | RetrieveAllCampaignsResponse200 | UnauthorizedErrorResponse]
    """

    kwargs = _get_kwargs(
        page=page,
        offset=offset,
        status=status,
        search=search,
        sort_field=sort_field,
        sort_order=sort_order,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    offset: int | Unset = 5,
    status: RetrieveAllCampaignsStatus | Unset = UNSET,
    search: str | Unset = UNSET,
    sort_field: RetrieveAllCampaignsSortField | Unset = RetrieveAllCampaignsSortField.CREATEDAT,
    sort_order: RetrieveAllCampaignsSortOrder | Unset = RetrieveAllCampaignsSortOrder.DESC,
) -> (
    BadRequestErrorResponse
    | InternalServerErrorResponse
    | RetrieveAllCampaignsResponse200
    | UnauthorizedErrorResponse
    | None
):
    """Retrieve all campaigns

     Get all campaigns for the authenticated organization.

    Args:
        page (int | Unset):  Default: 1.
        offset (int | Unset):  Default: 5.
        status (RetrieveAllCampaignsStatus | Unset):
        search (str | Unset):
        sort_field (RetrieveAllCampaignsSortField | Unset):  Default:
            RetrieveAllCampaignsSortField.CREATEDAT.
        sort_order (RetrieveAllCampaignsSortOrder | Unset):  Default:
            RetrieveAllCampaignsSortOrder.DESC.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestErrorResponse | InternalServerErrorResponse | RetrieveAllCampaignsResponse200 | UnauthorizedErrorResponse
    """

    return sync_detailed(
        client=client,
        page=page,
        offset=offset,
        status=status,
        search=search,
        sort_field=sort_field,
        sort_order=sort_order,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    offset: int | Unset = 5,
    status: RetrieveAllCampaignsStatus | Unset = UNSET,
    search: str | Unset = UNSET,
    sort_field: RetrieveAllCampaignsSortField | Unset = RetrieveAllCampaignsSortField.CREATEDAT,
    sort_order: RetrieveAllCampaignsSortOrder | Unset = RetrieveAllCampaignsSortOrder.DESC,
) -> Response[
    BadRequestErrorResponse | InternalServerErrorResponse | RetrieveAllCampaignsResponse200 | UnauthorizedErrorResponse
]:
    """Retrieve all campaigns

     Get all campaigns for the authenticated organization.

    Args:
        page (int | Unset):  Default: 1.
        offset (int | Unset):  Default: 5.
        status (RetrieveAllCampaignsStatus | Unset):
        search (str | Unset):
        sort_field (RetrieveAllCampaignsSortField | Unset):  Default:
            RetrieveAllCampaignsSortField.CREATEDAT.
        sort_order (RetrieveAllCampaignsSortOrder | Unset):  Default:
            RetrieveAllCampaignsSortOrder.DESC.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestErrorResponse | InternalServerErrorResponse | RetrieveAllCampaignsResponse200 | UnauthorizedErrorResponse]
    """

    kwargs = _get_kwargs(
        page=page,
        offset=offset,
        status=status,
        search=search,
        sort_field=sort_field,
        sort_order=sort_order,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    offset: int | Unset = 5,
    status: RetrieveAllCampaignsStatus | Unset = UNSET,
    search: str | Unset = UNSET,
    sort_field: RetrieveAllCampaignsSortField | Unset = RetrieveAllCampaignsSortField.CREATEDAT,
    sort_order: RetrieveAllCampaignsSortOrder | Unset = RetrieveAllCampaignsSortOrder.DESC,
) -> (
    BadRequestErrorResponse
    | InternalServerErrorResponse
    | RetrieveAllCampaignsResponse200
    | UnauthorizedErrorResponse
    | None
):
    """Retrieve all campaigns

     Get all campaigns for the authenticated organization.

    Args:
        page (int | Unset):  Default: 1.
        offset (int | Unset):  Default: 5.
        status (RetrieveAllCampaignsStatus | Unset):
        search (str | Unset):
        sort_field (RetrieveAllCampaignsSortField | Unset):  Default:
            RetrieveAllCampaignsSortField.CREATEDAT.
        sort_order (RetrieveAllCampaignsSortOrder | Unset):  Default:
            RetrieveAllCampaignsSortOrder.DESC.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestErrorResponse | InternalServerErrorResponse | RetrieveAllCampaignsResponse200 | UnauthorizedErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            page=page,
            offset=offset,
            status=status,
            search=search,
            sort_field=sort_field,
            sort_order=sort_order,
        )
    ).parsed
