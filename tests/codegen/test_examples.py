"""Every vendor example survives both generated models with its values unchanged.

Three sources of examples, each a body for one operation's request or one response status:

- whole bodies copied from the vendor documentation into tests/fixtures/vendor_examples/
  (sources.toml there records the page and section of each);
- the `example`s a spec gives for a whole request or response body;
- bodies assembled from the `example` of every property of the body's schema, recursively:
  once preferring the outermost example (an object's or an array's own), once preferring the
  innermost ones (each leaf's). A required property without any example gets a filler value from
  its schema, because a body without it is no body; fillers never replace a vendor's example.

Each body goes through the pydantic model (generated.models.<slug>, validate then dump) and
through the generated client (the request's body class from_dict, then what the operation would
send; the response parsed the way the operation parses that status, then to_dict). A property the
spec lacks, a wrong type or format, an enum missing a documented value or a renamed key all show
up as a failure here. Values are compared as data; the only normalisations are the ones the
formats allow (see _canonical).
"""

from __future__ import annotations

import email.parser
import email.policy
import importlib
import inspect
import io
import json
import pkgutil
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import Enum
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any, get_args
from uuid import UUID

import httpx
import pytest
import yaml

from gateway.codegen.config import GeneratorPaths, load_vendors

REPO = GeneratorPaths()
VENDORS = [vendor.slug for vendor in load_vendors(REPO)]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "vendor_examples"
# A body declared inline (no $ref) gets the name datamodel-code-generator makes up from its
# path; every other body's model is named after its components/schemas entry.
INLINE_MODELS = {
    ("smallest", "post /campaign", "request"): "CampaignPostRequest",
    ("smallest", "get /campaign", "200"): "CampaignGetResponse",
    ("smallest", "get /campaign/{id}", "200"): "CampaignIdGetResponse",
    ("smallest", "delete /campaign/{id}", "200"): "CampaignIdDeleteResponse",
    ("smallest", "post /campaign/{id}/start", "202"): "CampaignIdStartPostResponse",
    ("smallest", "post /campaign/{id}/pause", "200"): "CampaignIdPausePostResponse",
    ("smallest", "get /conversation", "200"): "ConversationGetResponse",
    ("smallest", "get /conversation/{id}", "200"): "ConversationIdGetResponse",
    ("volubile", "post /v1/campaigns/{id}/status", "request"): "V1CampaignsIdStatusPostRequest",
    ("tetherai", "patch /api/campaigns/{id}", "request"): "ApiCampaignsIdPatchRequest",
    ("tetherai", "post /api/campaigns/{id}/cancel", "request"): "ApiCampaignsIdCancelPostRequest",
    ("tetherai", "post /api/campaigns/{id}/send", "request"): "ApiCampaignsIdSendPostRequest",
}
# A path parameter's value when a test builds a request (the body is what is checked).
PATH_FILLERS: dict[Any, Any] = {str: "filler", int: 1, UUID: UUID("3fa85f64-5717-4562-b3fc-2c963f66afa6")}
# Stands in for a file part when no documented file exists.
FILLER_FILE = b"phone_number\n+15555550100\n"
_MISSING: Any = type("Missing", (), {"__repr__": lambda self: "<missing>"})()
_FILE: Any = type("FilePart", (), {"__repr__": lambda self: "<file>"})()


@dataclass(frozen=True)
class Example:
    """One body to round-trip: whose it is, where it goes, and where it came from."""

    vendor: str
    operation: str  # "post /path", as in the spec
    direction: str  # "request", or the response status code
    body: Any  # an object, except for a body whose schema is not (Volubile's bare status string)
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # part: (name, bytes)
    source: str = ""

    @property
    def id(self) -> str:
        """The pytest id: vendor, operation and source."""
        return f"{self.vendor}-{self.operation}-{self.source}"


# --- the tests -------------------------------------------------------------------------------


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrize `example` with every body, and narrower names with subsets of them."""
    selections = {
        "example": lambda example: True,
        "multipart_example": lambda example: _media_type(example) == "multipart/form-data",
        "transcribed_example": lambda example: bool(
            _sources(example.vendor).get(example.source, {}).get("spec-example")
        ),
    }
    for name, wanted in selections.items():
        if name in metafunc.fixturenames:
            chosen = [example for example in _examples() if wanted(example)]
            metafunc.parametrize(name, chosen, ids=[example.id for example in chosen])


def test_example_survives_pydantic_model(example: Example) -> None:
    models = importlib.import_module(f"generated.models.{example.vendor}")
    model_class = getattr(models, _model_name(example))
    if issubclass(model_class, Enum):  # a body that is one enum value, not an object
        _assert_same_data(model_class(example.body).value, example)
        return

    model = model_class.model_validate({**example.body, **_file_contents(example)})

    dumped = model.model_dump(mode="json", by_alias=True, exclude_unset=True)
    native = model.model_dump(by_alias=True, exclude_unset=True)
    for name, content in _file_contents(example).items():
        assert native[name] == content
        del dumped[name]
    _assert_same_data(dumped, example)


def test_example_survives_generated_client(example: Example) -> None:
    api = _api_module(example.vendor, example.operation)
    if example.direction != "request":
        response = httpx.Response(int(example.direction), json=example.body)
        client = _client_package(example.vendor).Client(base_url="https://vendor.invalid")

        parsed = api._parse_response(client=client, response=response)

        assert parsed is not None, f"the generated client does not parse a {example.direction}"
        _assert_same_data(parsed.to_dict(), example)
        return
    body_class = _body_class(api)
    if issubclass(body_class, Enum):  # a body that is one enum value, not an object
        body = body_class(example.body)
        _assert_same_data(api._get_kwargs(**_path_arguments(api), body=body)["json"], example)
        return

    body = body_class.from_dict({**example.body, **_file_contents(example)})

    dumped = body.to_dict()
    for name, content in _file_contents(example).items():
        _file_name, payload, _mime_type = dumped.pop(name)
        assert payload.read() == content
    _assert_same_data(dumped, example)
    if _media_type(example) == "application/json":
        _assert_same_data(api._get_kwargs(**_path_arguments(api), body=body)["json"], example)


def test_example_keys_are_declared(example: Example) -> None:
    # The generated clients keep an undeclared key in `additional_properties` and send it back,
    # and the pydantic models drop it without a word: a documented field the spec forgot shows
    # up only here.
    spec = _spec(example.vendor)
    schema = _media(example.vendor, example.operation, example.direction)[1]["schema"]

    assert _undeclared(example.body, schema, spec) == []


def test_multipart_request_arrives_as_documented(multipart_example: Example) -> None:
    # The request the generated client puts on the wire, parsed back by a MIME parser: each
    # field with the text the documentation's cURL examples send (`-F send_immediately=true`),
    # each file byte for byte.
    example = multipart_example
    api = _api_module(example.vendor, example.operation)

    fields, files = _send_multipart(api, _multipart_body(api, example))

    assert fields == _form_text(example)
    assert files == _file_contents(example)


def test_multipart_field_cannot_forge_a_part() -> None:
    # A campaign name comes from the gateway's caller. With a fixed, public boundary ("+++",
    # hard-coded by openapi-python-client 0.29.1's endpoint template), a name containing it
    # ends its own part and smuggles a field of the caller's choosing to the vendor.
    example = next(e for e in _examples() if _media_type(e) == "multipart/form-data")
    forged = 'Launch\r\n--+++\r\nContent-Disposition: form-data; name="smuggled"\r\n\r\nyes'
    example = replace(example, body={**example.body, "name": forged})
    api = _api_module(example.vendor, example.operation)

    fields, _files = _send_multipart(api, _multipart_body(api, example))

    assert set(fields) == set(example.body)
    assert fields["name"] == forged


def test_spec_carries_the_documented_example(transcribed_example: Example) -> None:
    example = transcribed_example
    entry = _sources(example.vendor)[example.source]
    in_spec = _media(example.vendor, example.operation, example.direction)[1]["example"]

    for key in entry.get("at", "").split("/") if entry.get("at") else []:
        in_spec = in_spec[key]

    documented = json.loads((FIXTURES / example.vendor / f"{example.source}.json").read_text())
    assert json.dumps(in_spec, sort_keys=True) == json.dumps(documented, sort_keys=True)


def test_example_sources_are_recorded(vendor: str) -> None:
    folder = FIXTURES / vendor
    sources = _sources(vendor)
    operations = _operations(vendor)

    assert {path.stem for path in folder.glob("*.json")} == set(sources)
    for name, entry in sources.items():
        assert re.fullmatch(r"(request|response)-\d+", name)
        assert entry["doc"] and entry["section"], f"{vendor}/{name}: record doc and section"
        assert entry["operation"] in operations, f"{vendor}/{name}: no such operation"
        direction = "request" if name.startswith("request") else entry["status"]
        _media(vendor, entry["operation"], direction)
        for file_name in entry.get("files", {}).values():
            assert (folder / file_name).is_file()


# --- where examples come from ----------------------------------------------------------------


@cache
def _examples() -> list[Example]:
    return [
        *(example for vendor in VENDORS for example in _documented(vendor)),
        *(example for vendor in VENDORS for example in _from_spec(vendor)),
        *(example for vendor in VENDORS for example in _assembled(vendor)),
    ]


def _documented(vendor: str) -> Iterator[Example]:
    for name, entry in _sources(vendor).items():
        body = json.loads((FIXTURES / vendor / f"{name}.json").read_text())
        for key in reversed(entry["at"].split("/")) if entry.get("at") else []:
            body = {key: body}
        files = {
            part: (file_name, (FIXTURES / vendor / file_name).read_bytes())
            for part, file_name in entry.get("files", {}).items()
        }
        direction = "request" if name.startswith("request") else entry["status"]
        yield Example(vendor, entry["operation"], direction, body, files, name)


def _from_spec(vendor: str) -> Iterator[Example]:
    for operation in _operations(vendor):
        for direction in _directions(vendor, operation):
            media_type, media = _media(vendor, operation, direction)
            bodies = [media["example"]] if "example" in media else []
            bodies += [named["value"] for named in media.get("examples", {}).values()]
            for n, body in enumerate(bodies, 1):
                fields, files = _split_files(body, media_type)
                yield Example(vendor, operation, direction, fields, files, f"spec-{direction}-{n}")


def _assembled(vendor: str) -> Iterator[Example]:
    spec = _spec(vendor)
    for operation in _operations(vendor):
        for direction in _directions(vendor, operation):
            media_type, media = _media(vendor, operation, direction)
            variants = {}
            for preference in ("outer", "inner"):
                body = _assemble(media["schema"], spec, outer=preference == "outer")
                if body is _MISSING:
                    body = _filler(media["schema"], spec)
                if body not in variants.values():
                    variants[preference] = body
            for preference, body in variants.items():
                fields, files = _split_files(body, media_type)
                suffix = f"-{preference}" if len(variants) > 1 else ""
                source = f"fields-{direction}{suffix}"
                yield Example(vendor, operation, direction, fields, files, source)


def _assemble(schema: dict[str, Any], spec: dict[str, Any], *, outer: bool) -> Any:
    """A value built from the examples in `schema`, or _MISSING when it has none."""
    # An `example` beside a `$ref` (Clerk's `provider`) describes the property: it comes first.
    own = _own_example(schema)
    schema = _resolve(schema, spec)
    if own is _MISSING:
        own = _own_example(schema)
    if outer and own is not _MISSING:
        return own
    inner = _MISSING
    if _type(schema) == "object":
        properties = dict(schema.get("properties", {}))
        extra = schema.get("additionalProperties")
        if not properties and isinstance(extra, dict):
            properties = {"placeholder": extra}
        values = {name: _assemble(sub, spec, outer=outer) for name, sub in properties.items()}
        if any(value is not _MISSING for value in values.values()):
            inner = {
                name: _filler(properties[name], spec) if value is _MISSING else value
                for name, value in values.items()
                if value is not _MISSING or name in schema.get("required", [])
            }
    elif _type(schema) == "array":
        item = _assemble(schema.get("items", {}), spec, outer=outer)
        inner = _MISSING if item is _MISSING else [item]
    return own if inner is _MISSING else inner


def _own_example(schema: dict[str, Any]) -> Any:
    if "example" in schema:
        return schema["example"]
    return schema.get("examples", [_MISSING])[0]


def _filler(schema: dict[str, Any], spec: dict[str, Any]) -> Any:
    """The plainest value `schema` accepts (required properties only)."""
    schema = _resolve(schema, spec)
    kind, fmt = _type(schema), schema.get("format")
    if "enum" in schema:
        return schema["enum"][0]
    if "default" in schema:
        return schema["default"]
    if kind == "object":
        properties = schema.get("properties", {})
        return {name: _filler(properties[name], spec) for name in schema.get("required", [])}
    if kind == "array":
        return [_filler(schema.get("items", {}), spec)] * max(1, schema.get("minItems", 1))
    if kind == "integer":
        return schema.get("minimum", 1)
    if kind == "number":
        return schema.get("minimum", 1.5)
    if kind == "boolean":
        return True
    fillers = {
        "date-time": "2024-01-02T03:04:05Z",
        "date": "2024-01-02",
        "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "binary": _FILE,
    }
    return fillers.get(fmt, "filler")


def _split_files(body: dict[str, Any], media_type: str) -> tuple[dict[str, Any], dict[str, tuple[str, bytes]]]:
    if media_type != "multipart/form-data":
        return body, {}
    fields = {name: value for name, value in body.items() if value is not _FILE}
    files = {name: ("filler.csv", FILLER_FILE) for name, value in body.items() if value is _FILE}
    return fields, files


# --- comparing as data -----------------------------------------------------------------------


def _assert_same_data(actual: Any, example: Example) -> None:
    spec = _spec(example.vendor)
    schema = _media(example.vendor, example.operation, example.direction)[1]["schema"]
    actual, expected = _canonical(actual, schema, spec), _canonical(example.body, schema, spec)
    assert actual == expected
    # `==` holds for True and 1, and for 1 and 1.0: the JSON text must agree as well.
    assert json.dumps(actual, sort_keys=True) == json.dumps(expected, sort_keys=True)


def _canonical(value: Any, schema: dict[str, Any], spec: dict[str, Any]) -> Any:
    """`value` with the spellings its schema's formats allow made one.

    - `format: date-time`: RFC 3339 allows `Z` or `+00:00` and any number of fraction digits
      (`.000`); the instant and the offset are the data, so both are compared, not the spelling.
    - `type: number`: JSON does not tell 1 from 1.0 (a client model holding a float writes 1.0).
    Nothing else is normalised: not case, not key order within arrays, not nulls or defaults.
    """
    schema = _resolve(schema, spec)
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        return {
            key: _canonical(item, properties.get(key, extra if isinstance(extra, dict) else {}), spec)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_canonical(item, schema.get("items", {}), spec) for item in value]
    if isinstance(value, str) and schema.get("format") == "date-time":
        try:
            return datetime.fromisoformat(value).isoformat()
        except ValueError:
            return value
    if _type(schema) == "number" and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return value


def _undeclared(value: Any, schema: dict[str, Any], spec: dict[str, Any], where: str = "") -> list[str]:
    """Paths of the keys in `value` that its schema does not declare (free-form maps excepted)."""
    schema = _resolve(schema, spec)
    if isinstance(value, list):
        items = schema.get("items", {})
        return [path for n, item in enumerate(value) for path in _undeclared(item, items, spec, f"{where}/{n}")]
    if not isinstance(value, dict):
        return []
    properties = schema.get("properties", {})
    extra = schema.get("additionalProperties")
    found = []
    for key, item in value.items():
        if key in properties:
            found += _undeclared(item, properties[key], spec, f"{where}/{key}")
        elif isinstance(extra, dict):
            found += _undeclared(item, extra, spec, f"{where}/{key}")
        elif properties or extra is False:
            found.append(f"{where}/{key}")
    return found


def _form_text(example: Example) -> dict[str, str]:
    """The text of each form field, as the documentation's cURL examples send it (`-F k=v`)."""
    return {name: value if isinstance(value, str) else json.dumps(value) for name, value in example.body.items()}


def _file_contents(example: Example) -> dict[str, bytes]:
    return {part: content for part, (_file_name, content) in example.files.items()}


def _multipart_body(api: ModuleType, example: Example) -> Any:
    """The client's body for `example`, each file part named and typed as an adapter sends it.

    The generator ignores the spec's `encoding`, so the part's content type comes from there.
    """
    body_class = _body_class(api)
    file_class = _client_package(example.vendor).types.File
    encoding = _media(example.vendor, example.operation, example.direction)[1].get("encoding", {})
    body = body_class.from_dict({**example.body, **_file_contents(example)})
    for part, (file_name, content) in example.files.items():
        mime_type = encoding.get(part, {}).get("contentType", "application/octet-stream")
        setattr(body, part, file_class(payload=io.BytesIO(content), file_name=file_name, mime_type=mime_type))
    return body


def _send_multipart(api: ModuleType, body: Any) -> tuple[dict[str, str], dict[str, bytes]]:
    """Send `body` through the generated operation; return the form fields and files received."""
    received: list[httpx.Request] = []

    def vendor_stub(request: httpx.Request) -> httpx.Response:
        received.append(request)
        return httpx.Response(202)

    package = importlib.import_module(api.__name__.split(".api.")[0])
    transport = httpx.MockTransport(vendor_stub)
    client = package.AuthenticatedClient(
        base_url="https://vendor.invalid", token="test-key", httpx_args={"transport": transport}
    )
    api.sync_detailed(client=client, body=body)
    (request,) = received
    head = f"Content-Type: {request.headers['content-type']}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + request.content)
    fields, files = {}, {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if part.get_filename() is None:
            fields[name] = part.get_payload(decode=True).decode()
        else:
            files[name] = part.get_payload(decode=True)
    return fields, files


# --- specs and generated code ----------------------------------------------------------------


@cache
def _spec(vendor: str) -> dict[str, Any]:
    return yaml.safe_load((REPO.vendor_specs / f"{vendor}.yaml").read_text())


@cache
def _sources(vendor: str) -> dict[str, dict[str, Any]]:
    with (FIXTURES / vendor / "sources.toml").open("rb") as fh:
        return tomllib.load(fh)


def _operations(vendor: str) -> list[str]:
    methods = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
    return [f"{method} {path}" for path, item in _spec(vendor)["paths"].items() for method in item if method in methods]


def _operation(vendor: str, operation: str) -> dict[str, Any]:
    method, path = operation.split(" ", 1)
    return _spec(vendor)["paths"][path][method]


def _directions(vendor: str, operation: str) -> list[str]:
    """ "request" if the operation takes a body, then each response status that has one."""
    declared = _operation(vendor, operation)
    bodies = ["request"] if "requestBody" in declared else []
    return bodies + [
        status
        for status, response in declared.get("responses", {}).items()
        if _resolve(response, _spec(vendor)).get("content")
    ]


def _media(vendor: str, operation: str, direction: str) -> tuple[str, dict[str, Any]]:
    declared = _operation(vendor, operation)
    holder = declared["requestBody"] if direction == "request" else declared["responses"][direction]
    content = _resolve(holder, _spec(vendor))["content"]
    (media_type, media), *_others = content.items()
    return media_type, media


def _media_type(example: Example) -> str:
    return _media(example.vendor, example.operation, example.direction)[0]


def _model_name(example: Example) -> str:
    schema = _media(example.vendor, example.operation, example.direction)[1]["schema"]
    if "$ref" not in schema:
        return INLINE_MODELS[(example.vendor, example.operation, example.direction)]
    name = schema["$ref"].rsplit("/", 1)[1]
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^0-9A-Za-z]+", name))


def _resolve(schema: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        node: Any = spec
        for key in schema["$ref"].removeprefix("#/").split("/"):
            node = node[key.replace("~1", "/").replace("~0", "~")]
        schema = node
    return schema


def _type(schema: dict[str, Any]) -> str | None:
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), None)
    if kind is None and "properties" in schema:
        return "object"
    return kind


def _client_package(vendor: str) -> ModuleType:
    return importlib.import_module(f"generated.{vendor}_client")


def _body_class(api: ModuleType) -> Any:
    """The class of the operation's body (an optional body's annotation is `Body | Unset`)."""
    annotation = inspect.signature(api._get_kwargs).parameters["body"].annotation
    unset = _client_package(api.__name__.split(".")[1].removesuffix("_client")).types.Unset
    classes = [arg for arg in get_args(annotation) if arg is not unset] if get_args(annotation) else [annotation]
    [body_class] = classes
    return body_class


def _path_arguments(api: ModuleType) -> dict[str, Any]:
    """A value for each path parameter the operation takes (positional in generated code)."""
    parameters = inspect.signature(api._get_kwargs).parameters.values()
    return {p.name: PATH_FILLERS[p.annotation] for p in parameters if p.kind is p.POSITIONAL_OR_KEYWORD}


@cache
def _api_module(vendor: str, operation: str) -> ModuleType:
    """The generated module whose request goes to the operation's method and path."""
    method, path = operation.split(" ", 1)
    api = importlib.import_module(f"generated.{vendor}_client.api")
    found = []
    for info in pkgutil.walk_packages(api.__path__, f"{api.__name__}."):
        module = importlib.import_module(info.name)
        if not hasattr(module, "_get_kwargs"):
            continue
        source = inspect.getsource(module._get_kwargs)
        if f'"method": "{method}"' in source and f'"url": "{path}"' in source:
            found.append(module)
    assert len(found) == 1, f"{vendor}: {len(found)} generated modules for {operation}"
    return found[0]
