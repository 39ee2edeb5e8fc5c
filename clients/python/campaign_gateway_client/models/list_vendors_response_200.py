from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.vendor_capabilities import VendorCapabilities


T = TypeVar("T", bound="ListVendorsResponse200")


@_attrs_define
class ListVendorsResponse200:
    """
    Attributes:
        vendors (list[VendorCapabilities]):
    """

    vendors: list[VendorCapabilities]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        vendors = []
        for vendors_item_data in self.vendors:
            vendors_item = vendors_item_data.to_dict()
            vendors.append(vendors_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "vendors": vendors,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.vendor_capabilities import VendorCapabilities  # noqa: PLC0415

        d = dict(src_dict)
        vendors = []
        _vendors = d.pop("vendors")
        for vendors_item_data in _vendors:
            vendors_item = VendorCapabilities.from_dict(vendors_item_data)

            vendors.append(vendors_item)

        list_vendors_response_200 = cls(
            vendors=vendors,
        )

        list_vendors_response_200.additional_properties = d
        return list_vendors_response_200

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
