"""Voiceable's multipart form: form booleans, `x-required-unless`, the recipients CSV."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from gateway.sandbox import Sandbox


@pytest.fixture
def voiceable(make_call: Any) -> Any:
    return make_call("voiceable")


@pytest.mark.parametrize("flag", ["True", "true", "TRUE", "False", "false"])
def test_form_booleans_are_read_in_any_case(flag: str, voiceable: Any, client: httpx.Client, errors_of: Any) -> None:
    voiceable.body["send_immediately"] = flag

    response = voiceable.send(client)

    assert response.status_code == 201, response.text
    assert response.json()["data"]["send_immediately"] is (flag.lower() == "true")
    assert errors_of("voiceable", voiceable.url, response) == []


@pytest.mark.parametrize("flag", ["yes", "1", "on", ""])
def test_other_spellings_of_a_boolean_are_refused(flag: str, voiceable: Any, client: httpx.Client) -> None:
    voiceable.body["send_immediately"] = flag

    response = voiceable.send(client)

    assert response.status_code == 422
    assert f"send_immediately: {flag!r} is not of type 'boolean'" in response.text


def test_integers_are_cast_from_their_text(voiceable: Any, client: httpx.Client, sandbox: Sandbox) -> None:
    voiceable.body["phone_number_id"] = "12"

    assert voiceable.send(client).status_code == 201
    voiceable.body["phone_number_id"] = "1.5"
    assert voiceable.send(client).status_code == 422


@pytest.mark.parametrize("missing", ["schedule_date", "schedule_time"])
def test_a_scheduled_campaign_needs_date_and_time(missing: str, voiceable: Any, client: httpx.Client) -> None:
    voiceable.body["send_immediately"] = "false"
    del voiceable.body[missing]

    response = voiceable.send(client)

    assert response.status_code == 422
    assert response.json() == {
        "status": {"code": 422, "message": f"{missing}: is required unless send_immediately is true"}
    }


def test_an_empty_schedule_counts_as_missing(voiceable: Any, client: httpx.Client) -> None:
    voiceable.body.update(send_immediately="false", schedule_date="", schedule_time="")

    response = voiceable.send(client)

    assert response.status_code == 422
    # "" is not a date either: the schema's own check speaks first.
    assert "schedule_date" in response.text


def test_an_immediate_campaign_needs_no_schedule(voiceable: Any, client: httpx.Client) -> None:
    voiceable.body["send_immediately"] = "true"
    del voiceable.body["schedule_date"], voiceable.body["schedule_time"]

    assert voiceable.send(client).status_code == 201


def test_a_missing_send_immediately_is_required_by_the_schema(voiceable: Any, client: httpx.Client) -> None:
    del voiceable.body["send_immediately"], voiceable.body["schedule_date"]

    response = voiceable.send(client)

    assert response.status_code == 422
    assert "send_immediately: is required" in response.text


@pytest.mark.parametrize(
    ("csv", "reason"),
    [
        (b"phone\n+14155550100\n", "recipients_file: header is 'phone'; expected 'phone_number'"),
        (b"phone_number\n", "recipients_file: has a header but no rows"),
        (b"", "recipients_file: is empty"),
        (b"phone_number\n=1+1\n", "recipients_file: row 1: '=1+1' is not a phone number"),
        (b"phone_number\n+1 415 555 0100\n", "row 1: '+1 415 555 0100' is not a phone number"),
        (b"phone_number\n+14155550100,Jamie\n", "recipients_file: row 1 has 2 fields; expected 1"),
        (b"phone_number,first_name\n+14155550100,Jamie\n", "header is 'phone_number,first_name'"),
        (b"phone_number\n\xff\xfe\n", "recipients_file: is not UTF-8 text"),
    ],
)
def test_the_recipients_csv_is_checked(csv: bytes, reason: str, voiceable: Any, client: httpx.Client) -> None:
    response = voiceable.send(client, files={"recipients_file": ("r.csv", csv, "text/csv")})

    assert response.status_code == 422
    assert reason in response.json()["status"]["message"]


def test_a_csv_with_crlf_and_blank_lines_is_fine(voiceable: Any, client: httpx.Client) -> None:
    csv = b"phone_number\r\n+14155550100\r\n\r\n+33612345678\r\n"

    assert voiceable.send(client, files={"recipients_file": ("r.csv", csv, "text/csv")}).status_code == 201


@pytest.mark.parametrize(
    ("content_type", "status"),
    [("text/csv", 201), ("application/octet-stream", 201), ("application/json", 422), ("text/plain", 422)],
)
def test_the_file_must_be_sent_as_csv_or_untyped(
    content_type: str, status: int, voiceable: Any, client: httpx.Client
) -> None:
    # Untyped (application/octet-stream) is what curl sends for a .csv, as in Voiceable's docs.
    response = voiceable.send(
        client, files={"recipients_file": ("r.csv", b"phone_number\n+14155550100\n", content_type)}
    )

    assert response.status_code == status
    if status == 422:
        assert f"recipients_file: Content-Type is {content_type}; the spec's encoding says text/csv" in response.text


def test_the_file_must_be_a_file(voiceable: Any, client: httpx.Client) -> None:
    # A part without a filename is a plain form field.
    response = voiceable.send(client, files={"recipients_file": (None, b"phone_number\n+14155550100\n")})

    assert response.status_code == 422
    assert "recipients_file: must be a file upload" in response.text


def test_a_missing_file_is_refused(voiceable: Any, client: httpx.Client) -> None:
    response = voiceable.send(client, files={"other": ("r.csv", b"phone_number\n+14155550100\n", "text/csv")})

    assert response.status_code == 422
    assert "recipients_file: is required" in response.text


def test_the_recorded_form_shows_each_part(voiceable: Any, client: httpx.Client, sandbox: Sandbox) -> None:
    voiceable.send(client)

    (recorded,) = sandbox.requests("voiceable")
    parts = {part.name: part for part in recorded.form()}
    assert parts["name"].text() == voiceable.body["name"]
    assert parts["send_immediately"].text() == "True"
    assert parts["recipients_file"].is_file
    assert parts["recipients_file"].content_type == "text/csv"
    assert parts["recipients_file"].data.startswith(b"phone_number\n")


def test_one_answer_names_every_problem(voiceable: Any, client: httpx.Client) -> None:
    voiceable.body.update(phone_number_id="first", send_immediately="false")
    del voiceable.body["schedule_time"]

    response = voiceable.send(client, files={"recipients_file": ("r.csv", b"phone_number\n", "text/csv")})

    message = response.json()["status"]["message"]
    assert response.status_code == 422
    assert "phone_number_id: 'first' is not of type 'integer'" in message
    assert "schedule_time: is required unless send_immediately is true" in message
    assert "recipients_file: has a header but no rows" in message


def test_a_mixed_case_boundary_is_kept(voiceable: Any, client: httpx.Client) -> None:
    # Browsers send boundaries like ----WebKitFormBoundary7MA4YWxkTrZu0gW; case matters.
    boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW"
    request = client.build_request(
        "POST",
        voiceable.url,
        data={name: str(value) for name, value in voiceable.body.items()},
        files=voiceable.files,
        headers={**voiceable.headers, "Content-Type": f"multipart/form-data; boundary={boundary}"},
    )

    response = client.send(request)

    assert response.status_code == 201, response.text


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--\r\n", "a part has no name"),
        (
            b'--b\r\nContent-Disposition: form-data; name="name"\r\nContent-Type: multipart/mixed; boundary=c\r\n\r\n'
            b"--c\r\n\r\nx\r\n--c--\r\n--b--\r\n",
            "part 'name' is itself multipart",
        ),
        (b"--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--\r\n", "Missing Content-Disposition header"),
    ],
)
def test_malformed_forms_are_refused_not_crashed_on(
    body: bytes, reason: str, voiceable: Any, client: httpx.Client
) -> None:
    headers = {**voiceable.headers, "Content-Type": "multipart/form-data; boundary=b"}

    response = client.post(voiceable.url, content=body, headers=headers)

    assert response.status_code == 422
    assert f"body: is not well-formed multipart: {reason}" in response.text
