from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Retry")


@_attrs_define
class Retry:
    """Retry parameters when the contact cannot be reached

    Attributes:
        max_ (int | Unset): Maximum number of retries to reach the contact, minimum 0 (no retries), maximum 3
        delay (int | Unset): Minimum delay between retry attempts (in hours), minimum 1 (only considered when 'max' is
            greater than zero)
        retry_on (list[str] | Unset): Condition to trigger a retry (call status and qualifiers), must not be empty (only
            considered when 'max' is greater than zero)
    """

    max_: int | Unset = UNSET
    delay: int | Unset = UNSET
    retry_on: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        max_ = self.max_

        delay = self.delay

        retry_on: list[str] | Unset = UNSET
        if not isinstance(self.retry_on, Unset):
            retry_on = self.retry_on

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if max_ is not UNSET:
            field_dict["max"] = max_
        if delay is not UNSET:
            field_dict["delay"] = delay
        if retry_on is not UNSET:
            field_dict["retryOn"] = retry_on

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        max_ = d.pop("max", UNSET)

        delay = d.pop("delay", UNSET)

        retry_on = cast(list[str], d.pop("retryOn", UNSET))

        retry = cls(
            max_=max_,
            delay=delay,
            retry_on=retry_on,
        )

        retry.additional_properties = d
        return retry

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
