from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.field_error import FieldError
    from ..models.vendor_request import VendorRequest


T = TypeVar("T", bound="DryRun")


@_attrs_define
class DryRun:
    """
    Attributes:
        vendor (str): A vendor this gateway knows (the list comes from specs/vendors.toml).
        would_send (bool): True when the vendor request is complete and nothing was refused.
        violations (list[FieldError]):
        request (None | Unset | VendorRequest):
    """

    vendor: str
    would_send: bool
    violations: list[FieldError]
    request: None | Unset | VendorRequest = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.vendor_request import VendorRequest  # noqa: PLC0415

        vendor = self.vendor

        would_send = self.would_send

        violations = []
        for violations_item_data in self.violations:
            violations_item = violations_item_data.to_dict()
            violations.append(violations_item)

        request: dict[str, Any] | None | Unset
        if isinstance(self.request, Unset):
            request = UNSET
        elif isinstance(self.request, VendorRequest):
            request = self.request.to_dict()
        else:
            request = self.request

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "vendor": vendor,
                "would_send": would_send,
                "violations": violations,
            }
        )
        if request is not UNSET:
            field_dict["request"] = request

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.field_error import FieldError  # noqa: PLC0415
        from ..models.vendor_request import VendorRequest  # noqa: PLC0415

        d = dict(src_dict)
        vendor = d.pop("vendor")

        would_send = d.pop("would_send")

        violations = []
        _violations = d.pop("violations")
        for violations_item_data in _violations:
            violations_item = FieldError.from_dict(violations_item_data)

            violations.append(violations_item)

        def _parse_request(data: object) -> None | Unset | VendorRequest:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                request_type_1 = VendorRequest.from_dict(data)

                return request_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | VendorRequest, data)

        request = _parse_request(d.pop("request", UNSET))

        dry_run = cls(
            vendor=vendor,
            would_send=would_send,
            violations=violations,
            request=request,
        )

        dry_run.additional_properties = d
        return dry_run

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
