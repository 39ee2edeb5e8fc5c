from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.vendor_request_files import VendorRequestFiles
    from ..models.vendor_request_headers import VendorRequestHeaders


T = TypeVar("T", bound="VendorRequest")


@_attrs_define
class VendorRequest:
    """
    Attributes:
        method (str):
        path (str):
        headers (VendorRequestHeaders):
        body (Any | Unset): The JSON body, or the multipart fields.
        files (VendorRequestFiles | Unset): Multipart files by field name, with their content.
    """

    method: str
    path: str
    headers: VendorRequestHeaders
    body: Any | Unset = UNSET
    files: VendorRequestFiles | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        method = self.method

        path = self.path

        headers = self.headers.to_dict()

        body = self.body

        files: dict[str, Any] | Unset = UNSET
        if not isinstance(self.files, Unset):
            files = self.files.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "method": method,
                "path": path,
                "headers": headers,
            }
        )
        if body is not UNSET:
            field_dict["body"] = body
        if files is not UNSET:
            field_dict["files"] = files

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.vendor_request_files import VendorRequestFiles  # noqa: PLC0415
        from ..models.vendor_request_headers import VendorRequestHeaders  # noqa: PLC0415

        d = dict(src_dict)
        method = d.pop("method")

        path = d.pop("path")

        headers = VendorRequestHeaders.from_dict(d.pop("headers"))

        body = d.pop("body", UNSET)

        _files = d.pop("files", UNSET)
        files: VendorRequestFiles | Unset
        if isinstance(_files, Unset):
            files = UNSET
        else:
            files = VendorRequestFiles.from_dict(_files)

        vendor_request = cls(
            method=method,
            path=path,
            headers=headers,
            body=body,
            files=files,
        )

        vendor_request.additional_properties = d
        return vendor_request

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
