from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.receive_body import ReceiveBody
from ...models.receive_response_200 import ReceiveResponse200
from ...types import Response


def _get_kwargs(
    vendor: str,
    endpoint_token: str,
    *,
    body: ReceiveBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/hooks/{vendor}/{endpoint_token}".format(
            vendor=quote(str(vendor), safe=""),
            endpoint_token=quote(str(endpoint_token), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ReceiveResponse200 | None:
    if response.status_code == 200:
        response_200 = ReceiveResponse200.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | ReceiveResponse200]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    vendor: str,
    endpoint_token: str,
    *,
    client: AuthenticatedClient | Client,
    body: ReceiveBody,
) -> Response[Problem | ReceiveResponse200]:
    """A vendor's webhook (the URL to register at the vendor)

     Where a vendor sends its webhooks: one URL per vendor account (the gateway's own, and each tenant's
    own), printed by `campaign-gateway hooks show`. The token in the path names the account; the
    vendor's signature is checked on the raw body as the vendor documents it. A bad or missing
    signature, or an unknown token, is 401 and nothing is kept. An accepted hook is stored before the
    answer; a vendor's redelivery is acknowledged again and not emitted twice.

    Args:
        vendor (str): A vendor this gateway knows (the list comes from specs/vendors.toml).
        endpoint_token (str):
        body (ReceiveBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReceiveResponse200]
    """

    kwargs = _get_kwargs(
        vendor=vendor,
        endpoint_token=endpoint_token,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    vendor: str,
    endpoint_token: str,
    *,
    client: AuthenticatedClient | Client,
    body: ReceiveBody,
) -> Problem | ReceiveResponse200 | None:
    """A vendor's webhook (the URL to register at the vendor)

     Where a vendor sends its webhooks: one URL per vendor account (the gateway's own, and each tenant's
    own), printed by `campaign-gateway hooks show`. The token in the path names the account; the
    vendor's signature is checked on the raw body as the vendor documents it. A bad or missing
    signature, or an unknown token, is 401 and nothing is kept. An accepted hook is stored before the
    answer; a vendor's redelivery is acknowledged again and not emitted twice.

    Args:
        vendor (str): A vendor this gateway knows (the list comes from specs/vendors.toml).
        endpoint_token (str):
        body (ReceiveBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReceiveResponse200
    """

    return sync_detailed(
        vendor=vendor,
        endpoint_token=endpoint_token,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    vendor: str,
    endpoint_token: str,
    *,
    client: AuthenticatedClient | Client,
    body: ReceiveBody,
) -> Response[Problem | ReceiveResponse200]:
    """A vendor's webhook (the URL to register at the vendor)

     Where a vendor sends its webhooks: one URL per vendor account (the gateway's own, and each tenant's
    own), printed by `campaign-gateway hooks show`. The token in the path names the account; the
    vendor's signature is checked on the raw body as the vendor documents it. A bad or missing
    signature, or an unknown token, is 401 and nothing is kept. An accepted hook is stored before the
    answer; a vendor's redelivery is acknowledged again and not emitted twice.

    Args:
        vendor (str): A vendor this gateway knows (the list comes from specs/vendors.toml).
        endpoint_token (str):
        body (ReceiveBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReceiveResponse200]
    """

    kwargs = _get_kwargs(
        vendor=vendor,
        endpoint_token=endpoint_token,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    vendor: str,
    endpoint_token: str,
    *,
    client: AuthenticatedClient | Client,
    body: ReceiveBody,
) -> Problem | ReceiveResponse200 | None:
    """A vendor's webhook (the URL to register at the vendor)

     Where a vendor sends its webhooks: one URL per vendor account (the gateway's own, and each tenant's
    own), printed by `campaign-gateway hooks show`. The token in the path names the account; the
    vendor's signature is checked on the raw body as the vendor documents it. A bad or missing
    signature, or an unknown token, is 401 and nothing is kept. An accepted hook is stored before the
    answer; a vendor's redelivery is acknowledged again and not emitted twice.

    Args:
        vendor (str): A vendor this gateway knows (the list comes from specs/vendors.toml).
        endpoint_token (str):
        body (ReceiveBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReceiveResponse200
    """

    return (
        await asyncio_detailed(
            vendor=vendor,
            endpoint_token=endpoint_token,
            client=client,
            body=body,
        )
    ).parsed
