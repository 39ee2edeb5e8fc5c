from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GetAllConversationLogsResponse200DataPagination")


@_attrs_define
class GetAllConversationLogsResponse200DataPagination:
    """
    Attributes:
        total (int | Unset): Total number of matching call logs Example: 150.
        page (int | Unset): Current page number Example: 1.
        limit (int | Unset): Number of items per page (page size) Example: 10.
        has_more (bool | Unset): Whether there are more pages available Example: True.
        total_pages (int | Unset): Total number of pages Example: 15.
    """

    total: int | Unset = UNSET
    page: int | Unset = UNSET
    limit: int | Unset = UNSET
    has_more: bool | Unset = UNSET
    total_pages: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total = self.total

        page = self.page

        limit = self.limit

        has_more = self.has_more

        total_pages = self.total_pages

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if total is not UNSET:
            field_dict["total"] = total
        if page is not UNSET:
            field_dict["page"] = page
        if limit is not UNSET:
            field_dict["limit"] = limit
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

        limit = d.pop("limit", UNSET)

        has_more = d.pop("hasMore", UNSET)

        total_pages = d.pop("totalPages", UNSET)

        get_all_conversation_logs_response_200_data_pagination = cls(
            total=total,
            page=page,
            limit=limit,
            has_more=has_more,
            total_pages=total_pages,
        )

        get_all_conversation_logs_response_200_data_pagination.additional_properties = d
        return get_all_conversation_logs_response_200_data_pagination

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
