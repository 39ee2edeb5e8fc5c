from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.campaign import Campaign
from ...models.dry_run import DryRun
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    campaign_id: UUID,
    *,
    dry_run: bool | Unset = False,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    params: dict[str, Any] = {}

    params["dry_run"] = dry_run

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/campaigns/{campaign_id}/start".format(
            campaign_id=quote(str(campaign_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Campaign | Campaign | DryRun | Problem | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> Campaign | DryRun:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_200_type_0 = Campaign.from_dict(data)

                return response_200_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_200_type_1 = DryRun.from_dict(data)

            return response_200_type_1

        response_200 = _parse_response_200(response.json())

        return response_200

    if response.status_code == 202:
        response_202 = Campaign.from_dict(response.json())

        return response_202

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 501:
        response_501 = Problem.from_dict(response.json())

        return response_501

    if response.status_code == 502:
        response_502 = Problem.from_dict(response.json())

        return response_502

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if response.status_code == 504:
        response_504 = Problem.from_dict(response.json())

        return response_504

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Campaign | Campaign | DryRun | Problem]:
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
    dry_run: bool | Unset = False,
    idempotency_key: str | Unset = UNSET,
) -> Response[Campaign | Campaign | DryRun | Problem]:
    """Start a campaign now

     Starts a campaign the vendor holds as a draft or scheduled for later. 200 when the vendor confirmed
    the change, 202 when it only queued it (the status shows the change under way until the sync reads
    the vendor's own). Checked in this order: another tenant's or an unknown id is 404; a vendor that
    documents no way to do it is 501 (`action-unsupported`, with the reason); a campaign the vendor
    never accepted, or whose status does not allow it, is 409 (`invalid-transition`). Recorded before
    the vendor is called and never sent twice; with `dry_run=true` nothing is sent and the answer shows
    the exact vendor request.

    Args:
        campaign_id (UUID):
        dry_run (bool | Unset):  Default: False.
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Campaign | Campaign | DryRun | Problem]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        dry_run=dry_run,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    dry_run: bool | Unset = False,
    idempotency_key: str | Unset = UNSET,
) -> Campaign | Campaign | DryRun | Problem | None:
    """Start a campaign now

     Starts a campaign the vendor holds as a draft or scheduled for later. 200 when the vendor confirmed
    the change, 202 when it only queued it (the status shows the change under way until the sync reads
    the vendor's own). Checked in this order: another tenant's or an unknown id is 404; a vendor that
    documents no way to do it is 501 (`action-unsupported`, with the reason); a campaign the vendor
    never accepted, or whose status does not allow it, is 409 (`invalid-transition`). Recorded before
    the vendor is called and never sent twice; with `dry_run=true` nothing is sent and the answer shows
    the exact vendor request.

    Args:
        campaign_id (UUID):
        dry_run (bool | Unset):  Default: False.
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Campaign | Campaign | DryRun | Problem
    """

    return sync_detailed(
        campaign_id=campaign_id,
        client=client,
        dry_run=dry_run,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    dry_run: bool | Unset = False,
    idempotency_key: str | Unset = UNSET,
) -> Response[Campaign | Campaign | DryRun | Problem]:
    """Start a campaign now

     Starts a campaign the vendor holds as a draft or scheduled for later. 200 when the vendor confirmed
    the change, 202 when it only queued it (the status shows the change under way until the sync reads
    the vendor's own). Checked in this order: another tenant's or an unknown id is 404; a vendor that
    documents no way to do it is 501 (`action-unsupported`, with the reason); a campaign the vendor
    never accepted, or whose status does not allow it, is 409 (`invalid-transition`). Recorded before
    the vendor is called and never sent twice; with `dry_run=true` nothing is sent and the answer shows
    the exact vendor request.

    Args:
        campaign_id (UUID):
        dry_run (bool | Unset):  Default: False.
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Campaign | Campaign | DryRun | Problem]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        dry_run=dry_run,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    dry_run: bool | Unset = False,
    idempotency_key: str | Unset = UNSET,
) -> Campaign | Campaign | DryRun | Problem | None:
    """Start a campaign now

     Starts a campaign the vendor holds as a draft or scheduled for later. 200 when the vendor confirmed
    the change, 202 when it only queued it (the status shows the change under way until the sync reads
    the vendor's own). Checked in this order: another tenant's or an unknown id is 404; a vendor that
    documents no way to do it is 501 (`action-unsupported`, with the reason); a campaign the vendor
    never accepted, or whose status does not allow it, is 409 (`invalid-transition`). Recorded before
    the vendor is called and never sent twice; with `dry_run=true` nothing is sent and the answer shows
    the exact vendor request.

    Args:
        campaign_id (UUID):
        dry_run (bool | Unset):  Default: False.
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Campaign | Campaign | DryRun | Problem
    """

    return (
        await asyncio_detailed(
            campaign_id=campaign_id,
            client=client,
            dry_run=dry_run,
            idempotency_key=idempotency_key,
        )
    ).parsed
