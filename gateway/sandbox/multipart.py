"""Split a multipart/form-data body into its parts, keeping each part's own headers.

openapi-core reads the field values but drops the part headers; the sandbox needs them to check
that a file part is a file with the content type the spec's `encoding` names, and tests need
them to see exactly what an adapter sent.
"""

from __future__ import annotations

from dataclasses import dataclass

from werkzeug.http import parse_options_header
from werkzeug.sansio.multipart import Data, Epilogue, Field, File, MultipartDecoder, NeedData

__all__ = ["FormPart", "parse_multipart"]


@dataclass(frozen=True)
class FormPart:
    """One part of a multipart/form-data body."""

    name: str
    data: bytes
    filename: str | None = None
    content_type: str | None = None
    """The part's own Content-Type header, or None when the part had none."""

    @property
    def is_file(self) -> bool:
        """A file upload (its Content-Disposition names a filename)."""
        return self.filename is not None

    def text(self) -> str:
        """The data as UTF-8 text (what form fields are, unless a part says otherwise)."""
        return self.data.decode("utf-8")


def parse_multipart(body: bytes, content_type: str) -> list[FormPart]:
    """The parts of `body`, in order; ValueError when it is not well-formed multipart."""
    mimetype, options = parse_options_header(content_type)
    if not mimetype.startswith("multipart/"):
        raise ValueError(f"Content-Type is {mimetype or 'missing'}, not multipart")
    boundary = options.get("boundary")
    if not boundary:
        raise ValueError("multipart Content-Type has no boundary")
    decoder = MultipartDecoder(boundary.encode("latin-1"))
    decoder.receive_data(body)
    decoder.receive_data(None)
    parts: list[FormPart] = []
    current: Field | File | None = None
    chunks: list[bytes] = []
    while True:
        event = decoder.next_event()
        if isinstance(event, NeedData):
            raise ValueError("multipart body ends before its closing boundary")
        if isinstance(event, Epilogue):
            return parts
        if isinstance(event, Field | File):
            # Each part of form data is named and flat (RFC 7578, sections 4.2 and 4.3).
            if not event.name:
                raise ValueError("a part has no name")
            if event.headers.get("Content-Type", "").lower().startswith("multipart/"):
                raise ValueError(f"part {event.name!r} is itself multipart")
            current, chunks = event, []
        elif isinstance(event, Data) and current is not None:
            chunks.append(event.data)
            if not event.more_data:
                parts.append(
                    FormPart(
                        name=current.name,
                        data=b"".join(chunks),
                        filename=current.filename if isinstance(current, File) else None,
                        content_type=current.headers.get("Content-Type"),
                    )
                )
