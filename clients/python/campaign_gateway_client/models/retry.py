from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Retry")


@_attrs_define
class Retry:
    """
    Attributes:
        max_retries (int | Unset): Retries after the first attempt.
        delay_minutes (int | Unset):
        on (list[str] | Unset): Vendor outcome names that trigger a retry.
    """

    max_retries: int | Unset = UNSET
    delay_minutes: int | Unset = UNSET
    on: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        max_retries = self.max_retries

        delay_minutes = self.delay_minutes

        on: list[str] | Unset = UNSET
        if not isinstance(self.on, Unset):
            on = self.on

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if max_retries is not UNSET:
            field_dict["max_retries"] = max_retries
        if delay_minutes is not UNSET:
            field_dict["delay_minutes"] = delay_minutes
        if on is not UNSET:
            field_dict["on"] = on

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        max_retries = d.pop("max_retries", UNSET)

        delay_minutes = d.pop("delay_minutes", UNSET)

        on = cast(list[str], d.pop("on", UNSET))

        retry = cls(
            max_retries=max_retries,
            delay_minutes=delay_minutes,
            on=on,
        )

        return retry
