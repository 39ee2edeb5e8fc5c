from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.message import Message
    from ..models.messages_page_links import MessagesPageLinks


T = TypeVar("T", bound="MessagesPage")


@_attrs_define
class MessagesPage:
    """ "A paginated list of messages". The captured documentation names the members; the types of links.next, links.prev,
    links.self and total are not given.

        Attributes:
            data (list[Message]):
            total (Any):
            links (MessagesPageLinks | Unset):
    """

    data: list[Message]
    total: Any
    links: MessagesPageLinks | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        total = self.total

        links: dict[str, Any] | Unset = UNSET
        if not isinstance(self.links, Unset):
            links = self.links.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "total": total,
            }
        )
        if links is not UNSET:
            field_dict["links"] = links

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.message import Message  # noqa: PLC0415
        from ..models.messages_page_links import MessagesPageLinks  # noqa: PLC0415

        d = dict(src_dict)
        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = Message.from_dict(data_item_data)

            data.append(data_item)

        total = d.pop("total")

        _links = d.pop("links", UNSET)
        links: MessagesPageLinks | Unset
        if isinstance(_links, Unset):
            links = UNSET
        else:
            links = MessagesPageLinks.from_dict(_links)

        messages_page = cls(
            data=data,
            total=total,
            links=links,
        )

        messages_page.additional_properties = d
        return messages_page

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
