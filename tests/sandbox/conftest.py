"""One sandbox for the whole folder, a client, and requests built from each vendor's spec."""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from gateway.codegen.config import GeneratorPaths, load_vendors
from gateway.sandbox import Sandbox, VendorSpec, start_sandbox
from gateway.sandbox.lifecycle import Pacing
from gateway.sandbox.specs import Operation

VENDORS = [vendor.slug for vendor in load_vendors(GeneratorPaths())]
CSV = b"phone_number\n+14155550100\n+442071838750\n"
TIMEOUT = 5.0


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test taking `slug` runs once per vendor of specs/vendors.toml."""
    if "slug" in metafunc.fixturenames:
        metafunc.parametrize("slug", VENDORS)


@pytest.fixture(scope="session")
def sandbox() -> Iterator[Sandbox]:
    with start_sandbox() as running:
        yield running


@pytest.fixture(autouse=True)
def _fresh(sandbox: Sandbox) -> Iterator[None]:
    sandbox.clear()
    yield
    sandbox.clear()


@pytest.fixture(scope="session")
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=TIMEOUT) as http:
        yield http


@dataclass
class Call:
    """A request to one vendor's create operation, built from its spec."""

    slug: str
    url: str
    body: dict[str, Any]
    headers: dict[str, str]
    multipart: bool
    files: dict[str, tuple[str, bytes, str]] = field(default_factory=dict)

    def send(self, client: httpx.Client, **overrides: Any) -> httpx.Response:
        """POST it (JSON, or multipart with every field as text and the files as files)."""
        body = overrides.pop("body", self.body)
        headers = overrides.pop("headers", self.headers)
        if self.multipart:
            files = overrides.pop("files", self.files)
            data = {name: form_text(value) for name, value in body.items()}
            request = client.build_request("POST", self.url, data=data, files=files, headers=headers, **overrides)
        else:
            request = client.build_request("POST", self.url, json=body, headers=headers, **overrides)
        request.read()  # so tests can compare what was sent with what the sandbox recorded
        return client.send(request)


def form_text(value: Any) -> str:
    # As openapi-python-client's multipart does: str() of the value (booleans "True"/"False").
    return str(value)


def create_operation(spec: VendorSpec) -> Operation:
    """The spec's create operation: its one POST on a path without parameters.

    The operations after create (start, pause, cancel, status, ...) all act on a campaign id.
    """
    (operation,) = [op for op in spec.operations if op.method == "post" and "{" not in op.template]
    return operation


def operation_path(spec: VendorSpec) -> str:
    """The path (below the vendor prefix) of the spec's create operation."""
    return spec.server_path + create_operation(spec).template


def vendor_path(url: str, slug: str) -> str:
    """The path of a sandbox URL below `/<slug>` (what the spec's server sees)."""
    return urlsplit(url).path.removeprefix(f"/{slug}")


def auth_headers(spec: VendorSpec, credential: str) -> dict[str, str]:
    """The credential where the create operation's first security requirement wants it."""
    operation = create_operation(spec)
    headers = {}
    for name in operation.security[0]:
        scheme = spec.security_schemes[name]
        if scheme["type"] == "apiKey":
            assert scheme["in"] == "header"
            headers[scheme["name"]] = credential
        else:
            headers["Authorization"] = f"Bearer {credential}"
    return headers


def example_body(spec: VendorSpec) -> tuple[dict[str, Any], bool]:
    """The create request's example, else one assembled from its property examples and types."""
    operation = create_operation(spec)
    request_body = spec.tools.resolve(operation.spec["requestBody"])
    ((mimetype, media),) = request_body["content"].items()
    body = copy.deepcopy(media["example"]) if "example" in media else spec.tools.sample(media["schema"], status=201)
    return body, mimetype.startswith("multipart/")


def call(sandbox: Sandbox, slug: str, credential: str | None = None) -> Call:
    """A valid request to `slug`, from its spec's examples, with the sandbox's credential."""
    spec = sandbox.spec(slug)
    body, multipart = example_body(spec)
    files: dict[str, tuple[str, bytes, str]] = {}
    if multipart:
        encoding: Mapping[str, Any] = spec.tools.resolve(create_operation(spec).spec["requestBody"])["content"][
            "multipart/form-data"
        ].get("encoding", {})
        for name, schema in spec.tools.properties(_request_schema(spec)).items():
            if spec.tools.resolve(schema).get("format") == "binary":
                body.pop(name, None)
                content_type = encoding.get(name, {}).get("contentType", "application/octet-stream")
                files[name] = (f"{name}.csv", CSV, content_type)
    return Call(
        slug=slug,
        url=sandbox.base_url(slug) + operation_path(spec).removeprefix(spec.server_path),
        body=body,
        headers=auth_headers(spec, credential or sandbox.credential(slug)),
        multipart=multipart,
        files=files,
    )


def _request_schema(spec: VendorSpec) -> Any:
    request_body = spec.tools.resolve(create_operation(spec).spec["requestBody"])
    return next(iter(request_body["content"].values()))["schema"]


def response_errors(sandbox: Sandbox, slug: str, url: str, response: httpx.Response) -> list[str]:
    """Why `response` breaks the vendor's spec ([] when it conforms)."""
    return sandbox.spec(slug).response_errors(
        "post",
        vendor_path(url, slug),
        response.status_code,
        response.headers.get("Content-Type", ""),
        response.content,
    )


def campaign_id(sandbox: Sandbox, slug: str, body: Any) -> Any:
    """The campaign id in a success body, found as the sandbox finds it (id or _id)."""
    spec = sandbox.spec(slug)
    operation = create_operation(spec)
    media = operation.spec["responses"]["201"]["content"]["application/json"]
    path = spec.tools.find_property(media["schema"], ("id", "_id"))
    assert path is not None
    for name in path:
        body = body[name]
    return body


@pytest.fixture
def make_call(sandbox: Sandbox) -> Any:
    """`make_call(slug, credential=None)`: a valid request to that vendor, ready to send."""
    return lambda slug, credential=None: call(sandbox, slug, credential)


@pytest.fixture
def errors_of(sandbox: Sandbox) -> Any:
    """`errors_of(slug, url, response)`: why a response breaks the vendor's spec."""
    return lambda slug, url, response: response_errors(sandbox, slug, url, response)


@pytest.fixture
def id_of(sandbox: Sandbox) -> Any:
    """`id_of(slug, body)`: the campaign id in a success body."""
    return lambda slug, body: campaign_id(sandbox, slug, body)


class FakeClock:
    """A clock that moves only when told: `clock.advance(seconds)`."""

    def __init__(self, now: float = 1_900_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


STEP_S = 2.0


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def pacing(clock: FakeClock) -> Pacing:
    """Steps of `STEP_S` seconds of the fake `clock`."""
    return Pacing(STEP_S, clock)


@pytest.fixture
def steps(clock: FakeClock) -> Any:
    """`steps(n)`: move the fake clock on by n steps (fractions allowed)."""
    return lambda count: clock.advance(count * STEP_S)


@pytest.fixture(scope="session")
def paced_clock() -> FakeClock:
    """The fake clock of `paced_sandbox`; it only moves forward, so campaigns of earlier tests age."""
    return FakeClock()


@pytest.fixture(scope="session")
def paced_sandbox(paced_clock: FakeClock) -> Iterator[Sandbox]:
    """A sandbox whose campaigns live by `paced_clock`, in steps of `STEP_S` seconds."""
    with start_sandbox(step_s=STEP_S, clock=paced_clock) as running:
        yield running


@pytest.fixture
def paced_steps(paced_clock: FakeClock) -> Any:
    """`paced_steps(n)`: move `paced_sandbox`'s clock on by n steps."""
    return lambda count: paced_clock.advance(count * STEP_S)
