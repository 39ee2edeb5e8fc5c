from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Window")


@_attrs_define
class Window:
    """
    Attributes:
        start (str): Local wall-clock time, HH:MM (24 h). Example: 09:30.
        end (str): Local wall-clock time, HH:MM (24 h). Example: 09:30.
    """

    start: str
    end: str

    def to_dict(self) -> dict[str, Any]:
        start = self.start

        end = self.end

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "start": start,
                "end": end,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        start = d.pop("start")

        end = d.pop("end")

        window = cls(
            start=start,
            end=end,
        )

        return window
