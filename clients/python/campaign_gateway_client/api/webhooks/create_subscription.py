from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.webhook_subscription_created import WebhookSubscriptionCreated
from ...models.webhook_subscription_request import WebhookSubscriptionRequest
from ...types import Response


def _get_kwargs(
    *,
    body: WebhookSubscriptionRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/webhooks",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | WebhookSubscriptionCreated | None:
    if response.status_code == 201:
        response_201 = WebhookSubscriptionCreated.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | WebhookSubscriptionCreated]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: WebhookSubscriptionRequest,
) -> Response[Problem | WebhookSubscriptionCreated]:
    """Subscribe a URL to your events

     Deliveries follow the Standard Webhooks specification (`webhook-id`, `webhook-timestamp`, `webhook-
    signature`), at least once, retried with backoff (at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10
    h), then `failed` and retryable. The URL must be https and must not resolve to a loopback, private
    or link-local address. The answer shows the signing secret once.

    Args:
        body (WebhookSubscriptionRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WebhookSubscriptionCreated]
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
    client: AuthenticatedClient | Client,
    body: WebhookSubscriptionRequest,
) -> Problem | WebhookSubscriptionCreated | None:
    """Subscribe a URL to your events

     Deliveries follow the Standard Webhooks specification (`webhook-id`, `webhook-timestamp`, `webhook-
    signature`), at least once, retried with backoff (at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10
    h), then `failed` and retryable. The URL must be https and must not resolve to a loopback, private
    or link-local address. The answer shows the signing secret once.

    Args:
        body (WebhookSubscriptionRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WebhookSubscriptionCreated
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: WebhookSubscriptionRequest,
) -> Response[Problem | WebhookSubscriptionCreated]:
    """Subscribe a URL to your events

     Deliveries follow the Standard Webhooks specification (`webhook-id`, `webhook-timestamp`, `webhook-
    signature`), at least once, retried with backoff (at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10
    h), then `failed` and retryable. The URL must be https and must not resolve to a loopback, private
    or link-local address. The answer shows the signing secret once.

    Args:
        body (WebhookSubscriptionRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WebhookSubscriptionCreated]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: WebhookSubscriptionRequest,
) -> Problem | WebhookSubscriptionCreated | None:
    """Subscribe a URL to your events

     Deliveries follow the Standard Webhooks specification (`webhook-id`, `webhook-timestamp`, `webhook-
    signature`), at least once, retried with backoff (at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10
    h), then `failed` and retryable. The URL must be https and must not resolve to a loopback, private
    or link-local address. The answer shows the signing secret once.

    Args:
        body (WebhookSubscriptionRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WebhookSubscriptionCreated
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
