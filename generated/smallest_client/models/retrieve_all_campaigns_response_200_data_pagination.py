from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RetrieveAllCampaignsResponse200DataPagination")


@_attrs_define
class RetrieveAllCampaignsResponse200DataPagination:
    """
    Attributes:
        total (int | Unset):
        page (int | Unset):
        offset (int | Unset):
        has_more (bool | Unset):
        total_pages (int | Unset):
    """

    total: int | Unset = UNSET
    page: int | Unset = UNSET
    offset: int | Unset = UNSET
    has_more: bool | Unset = UNSET
    total_pages: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total = self.total

        page = self.page

        offset = self.offset

        has_more = self.has_more

        total_pages = self.total_pages

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if total is not UNSET:
            field_dict["total"] = total
        if page is not UNSET:
            field_dict["page"] = page
        if offset is not UNSET:
            field_dict["offset"] = offset
        if has_more is not UNSET:
            field_dict["hasMore"] = has_more
        if total_pages is not UNSET:
            field_dict["totalPages"] = total_pages

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        total = d.pop("total", UNSET)

        page = d.pop("page", UNSET)

        offset = d.pop("offset", UNSET)

        has_more = d.pop("hasMore", UNSET)

        total_pages = d.pop("totalPages", UNSET)

        retrieve_all_campaigns_response_200_data_pagination = cls(
            total=total,
            page=page,
            offset=offset,
            has_more=has_more,
            total_pages=total_pages,
        )

        retrieve_all_campaigns_response_200_data_pagination.additional_properties = d
        return retrieve_all_campaigns_response_200_data_pagination

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
