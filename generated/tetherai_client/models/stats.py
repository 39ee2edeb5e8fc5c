from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Stats")


@_attrs_define
class Stats:
    """
    Attributes:
        total (int | Unset):
        sent (int | Unset):
        failed (int | Unset):
        success_rate (str | Unset):
    """

    total: int | Unset = UNSET
    sent: int | Unset = UNSET
    failed: int | Unset = UNSET
    success_rate: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total = self.total

        sent = self.sent

        failed = self.failed

        success_rate = self.success_rate

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if total is not UNSET:
            field_dict["total"] = total
        if sent is not UNSET:
            field_dict["sent"] = sent
        if failed is not UNSET:
            field_dict["failed"] = failed
        if success_rate is not UNSET:
            field_dict["successRate"] = success_rate

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        total = d.pop("total", UNSET)

        sent = d.pop("sent", UNSET)

        failed = d.pop("failed", UNSET)

        success_rate = d.pop("successRate", UNSET)

        stats = cls(
            total=total,
            sent=sent,
            failed=failed,
            success_rate=success_rate,
        )

        stats.additional_properties = d
        return stats

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
