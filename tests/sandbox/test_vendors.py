"""Every vendor, through real HTTP: success, refusal of a spec-invalid body, authentication."""

from __future__ import annotations

from typing import Any

import httpx

from gateway.sandbox import Sandbox, start_sandbox

# The error status each spec documents for an invalid request (400 where documented, else 422).
VIOLATION_STATUS = {"clerk": 400, "volubile": 400, "voiceable": 422, "tetherai": 400, "smallest": 400}
# A property each vendor requires, to leave out.
REQUIRED = {
    "clerk": "listName",
    "volubile": "agentId",
    "voiceable": "agent_id",
    "tetherai": "message",
    "smallest": "audienceId",
}
# A property with a type to break, and a value of the wrong type.
WRONG_TYPE = {
    "clerk": ("mediaUrls", "not-a-list"),
    "volubile": ("batchSize", "many"),
    "voiceable": ("phone_number_id", "first"),
    "tetherai": ("isAutopilot", "maybe"),
    "smallest": ("maxRetries", "three"),
}


def test_a_valid_request_gets_the_documented_success(
    slug: str, make_call: Any, client: httpx.Client, errors_of: Any, id_of: Any
) -> None:
    call = make_call(slug)
    first, second = call.send(client), call.send(client)

    assert first.status_code == second.status_code == 201, first.text
    assert first.headers["Content-Type"] == "application/json"
    assert errors_of(slug, call.url, first) == []
    assert errors_of(slug, call.url, second) == []
    assert id_of(slug, first.json()) != id_of(slug, second.json())


def test_success_echoes_the_name_sent(slug: str, make_call: Any, client: httpx.Client, sandbox: Sandbox) -> None:
    call = make_call(slug)
    call.body["name"] = f"Echo test for {slug}"

    response = call.send(client)

    assert response.status_code == 201, response.text
    assert f'"name": "Echo test for {slug}"' in response.text


def test_every_request_is_recorded_as_sent(slug: str, make_call: Any, client: httpx.Client, sandbox: Sandbox) -> None:
    call = make_call(slug)

    response = call.send(client)

    (recorded,) = sandbox.requests(slug)
    assert recorded.method == "POST"
    assert recorded.path == httpx.URL(call.url).path
    assert recorded.status == response.status_code
    assert recorded.body == response.request.content
    assert recorded.header("content-type") == response.request.headers["Content-Type"]
    sandbox.clear_requests(slug)
    assert sandbox.requests(slug) == []


def test_a_missing_required_property_gets_the_documented_error_naming_it(
    slug: str, make_call: Any, client: httpx.Client, errors_of: Any
) -> None:
    call = make_call(slug)
    del call.body[REQUIRED[slug]]

    response = call.send(client)

    assert response.status_code == VIOLATION_STATUS[slug]
    assert f"{REQUIRED[slug]}: is required" in response.text
    assert errors_of(slug, call.url, response) == []


def test_a_wrong_type_gets_the_documented_error_naming_it(
    slug: str, make_call: Any, client: httpx.Client, errors_of: Any
) -> None:
    call = make_call(slug)
    name, value = WRONG_TYPE[slug]
    call.body[name] = value

    response = call.send(client)

    assert response.status_code == VIOLATION_STATUS[slug]
    assert name in response.text
    assert repr(value) in response.text
    assert errors_of(slug, call.url, response) == []


def test_the_wrong_content_type_is_refused(slug: str, make_call: Any, client: httpx.Client) -> None:
    call = make_call(slug)

    response = client.post(call.url, content=b"name=x", headers={**call.headers, "Content-Type": "text/plain"})

    assert response.status_code == VIOLATION_STATUS[slug]
    assert "text/plain is not accepted" in response.text


def test_a_body_that_is_not_json_is_refused(slug: str, make_call: Any, client: httpx.Client) -> None:
    call = make_call(slug)
    if call.multipart:
        response = client.post(
            call.url,
            content=b"--x\r\nbroken",
            headers={**call.headers, "Content-Type": "multipart/form-data; boundary=x"},
        )
        expected = "body: is not well-formed multipart"
    else:
        response = client.post(
            call.url, content=b'{"name": ', headers={**call.headers, "Content-Type": "application/json"}
        )
        expected = "body: is not valid application/json"

    assert response.status_code == VIOLATION_STATUS[slug]
    assert expected in response.text


def test_no_credential_gets_401(slug: str, make_call: Any, client: httpx.Client, errors_of: Any) -> None:
    call = make_call(slug)

    response = call.send(client, headers={})

    assert response.status_code == 401
    assert errors_of(slug, call.url, response) == []
    assert response.json()  # the documented example, or a body saying what is missing


def test_a_wrong_credential_gets_401_without_echoing_it(
    slug: str, make_call: Any, client: httpx.Client, errors_of: Any
) -> None:
    call = make_call(slug, credential="not-the-key-0123")

    response = call.send(client)

    assert response.status_code == 401
    assert "not-the-key-0123" not in response.text
    assert errors_of(slug, call.url, response) == []


def test_401_bodies_are_the_documented_examples_where_there_are_some(make_call: Any, client: httpx.Client) -> None:
    tetherai = make_call("tetherai").send(client, headers={})
    voiceable = make_call("voiceable").send(client, headers={})
    clerk = make_call("clerk").send(client, headers={})

    assert tetherai.json() == {"success": False, "message": "Unauthorized"}
    assert voiceable.json() == {"status": {"code": 401, "message": "Invalid or missing API key"}}
    # Clerk documents no body for its errors: a small JSON one says what is missing.
    assert clerk.json() == {"message": "missing credential: send the apiKey header"}


def test_volubile_takes_its_key_as_a_bearer_token_too(make_call: Any, client: httpx.Client, sandbox: Sandbox) -> None:
    call = make_call("volubile")

    response = call.send(client, headers={"Authorization": f"Bearer {sandbox.credential('volubile')}"})

    assert response.status_code == 201, response.text


def test_unknown_paths_and_methods(sandbox: Sandbox, client: httpx.Client) -> None:
    base = sandbox.base_url("smallest")

    assert client.post(base + "/campaigns").status_code == 404
    assert client.put(base + "/campaign").status_code == 405  # the spec has GET and POST /campaign
    assert client.post(f"{sandbox.url}/nobody/campaign").status_code == 404


def test_error_bodies_carry_the_reason_where_the_schema_has_room(make_call: Any, client: httpx.Client) -> None:
    bodies: dict[str, Any] = {}
    for slug in ("volubile", "smallest", "voiceable", "tetherai"):
        call = make_call(slug)
        del call.body["name"]
        bodies[slug] = call.send(client).json()

    assert bodies["volubile"]["status"] == 400
    assert bodies["volubile"]["message"] == "name: is required"
    assert bodies["volubile"]["errors"] == [{"field": "name", "message": "is required"}]
    assert bodies["smallest"] == {"status": False, "errors": ["name: is required"]}
    assert bodies["voiceable"] == {"status": {"code": 422, "message": "name: is required"}}
    assert bodies["tetherai"] == {"success": False, "message": "name: is required"}


def test_success_bodies_echo_request_values_and_defaults(make_call: Any, client: httpx.Client) -> None:
    smallest = make_call("smallest")
    smallest.body = {"name": "S", "audienceId": "aud-1", "agentId": "agent-1"}
    volubile = make_call("volubile")

    data = smallest.send(client).json()["data"]
    echoed = volubile.send(client).json()

    assert (data["name"], data["audienceId"], data["agentId"]) == ("S", "aud-1", "agent-1")
    # Not sent, so the vendor's documented defaults apply.
    assert (data["maxRetries"], data["retryDelay"]) == (3, 15)
    assert len(data["_id"]) == 24 and int(data["_id"], 16) >= 0
    for name in ("name", "agentId", "startDate", "timeSlots", "batchSize", "days"):
        assert echoed[name] == volubile.body[name]


def test_a_property_the_spec_does_not_define_is_refused(slug: str, make_call: Any, client: httpx.Client) -> None:
    call = make_call(slug)
    call.body["nmae"] = "typo"

    response = call.send(client)

    assert response.status_code == VIOLATION_STATUS[slug]
    assert "nmae: is not a property the spec defines" in response.text


def test_unknown_nested_properties_are_refused_but_free_form_objects_are_not(
    make_call: Any, client: httpx.Client
) -> None:
    tetherai = make_call("tetherai")
    tetherai.body["newContacts"] = [{"firstName": "Jo", "phone": "+14155550100"}]
    free_form = make_call("tetherai")
    free_form.body["segmentation"] = {"anything": {"goes": [1, 2]}}
    volubile = make_call("volubile")
    volubile.body["recipients"] = [{"phone": "+33612345678", "context": {"orderNumber": "5HZ99FRT"}}]

    refused = tetherai.send(client)

    assert refused.status_code == 400
    assert refused.json()["message"] == "newContacts.0.phone: is not a property the spec defines"
    assert free_form.send(client).status_code == 201
    assert volubile.send(client).status_code == 201


def test_a_lenient_sandbox_accepts_unknown_properties(make_call: Any, client: httpx.Client) -> None:
    call = make_call("smallest")
    call.body["nmae"] = "typo"
    with start_sandbox(strict=False) as lenient:
        url = lenient.base_url("smallest") + "/campaign"
        response = client.post(url, json=call.body, headers=call.headers)

    assert response.status_code == 201, response.text


def test_a_missing_content_type_is_named(make_call: Any, client: httpx.Client) -> None:
    call = make_call("clerk")

    response = client.post(call.url, content=b"{}", headers=call.headers)

    assert response.status_code == 400
    assert response.json() == {"message": "Content-Type: a missing Content-Type is not accepted; use application/json"}


def test_deeply_nested_json_is_refused_not_crashed_on(make_call: Any, client: httpx.Client) -> None:
    call = make_call("tetherai")
    headers = {**call.headers, "Content-Type": "application/json"}

    response = client.post(call.url, content=b"[" * 100_000 + b"]" * 100_000, headers=headers)

    assert response.status_code == 400
    assert response.json()["message"] == "body: nests too deeply to read"


def test_no_schedule_is_invented_for_a_campaign_sent_without_one(make_call: Any, client: httpx.Client) -> None:
    smallest = make_call("smallest")
    smallest.body = {"name": "S", "audienceId": "aud-1", "agentId": "agent-1"}
    tetherai = make_call("tetherai")
    del tetherai.body["scheduleDate"]

    unscheduled = smallest.send(client).json()["data"]
    smallest.body["scheduledAt"] = "2030-01-02T03:04:05Z"
    scheduled = smallest.send(client).json()["data"]

    assert "scheduledAt" not in unscheduled
    assert "description" not in unscheduled  # optional, not sent, nothing documented to show
    assert scheduled["scheduledAt"] == "2030-01-02T03:04:05Z"
    assert "scheduleDate" not in tetherai.send(client).json()["data"]
