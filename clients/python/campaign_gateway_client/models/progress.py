from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Progress")


@_attrs_define
class Progress:
    """Calls (voice) or messages (SMS); null where the vendor does not report the count.

    Attributes:
        total (int | None):
        attempted (int | None):
        succeeded (int | None):
        failed (int | None):
        pending (int | None):
    """

    total: int | None
    attempted: int | None
    succeeded: int | None
    failed: int | None
    pending: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total: int | None
        total = self.total

        attempted: int | None
        attempted = self.attempted

        succeeded: int | None
        succeeded = self.succeeded

        failed: int | None
        failed = self.failed

        pending: int | None
        pending = self.pending

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "total": total,
                "attempted": attempted,
                "succeeded": succeeded,
                "failed": failed,
                "pending": pending,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_total(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        total = _parse_total(d.pop("total"))

        def _parse_attempted(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        attempted = _parse_attempted(d.pop("attempted"))

        def _parse_succeeded(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        succeeded = _parse_succeeded(d.pop("succeeded"))

        def _parse_failed(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        failed = _parse_failed(d.pop("failed"))

        def _parse_pending(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        pending = _parse_pending(d.pop("pending"))

        progress = cls(
            total=total,
            attempted=attempted,
            succeeded=succeeded,
            failed=failed,
            pending=pending,
        )

        progress.additional_properties = d
        return progress

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
