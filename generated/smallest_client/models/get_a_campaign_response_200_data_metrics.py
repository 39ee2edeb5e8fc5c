from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GetACampaignResponse200DataMetrics")


@_attrs_define
class GetACampaignResponse200DataMetrics:
    """Campaign performance metrics

    Attributes:
        total_participants (int | Unset): Total number of contacts in the campaign audience Example: 500.
        contacts_called (int | Unset): Number of unique contacts where a call was attempted (statuses ACTIVE, COMPLETED,
            FAILED, NO_ANSWER) Example: 247.
        contacts_connected (int | Unset): Number of unique contacts who answered and had a conversation (status
            COMPLETED) Example: 150.
    """

    total_participants: int | Unset = UNSET
    contacts_called: int | Unset = UNSET
    contacts_connected: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total_participants = self.total_participants

        contacts_called = self.contacts_called

        contacts_connected = self.contacts_connected

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if total_participants is not UNSET:
            field_dict["total_participants"] = total_participants
        if contacts_called is not UNSET:
            field_dict["contacts_called"] = contacts_called
        if contacts_connected is not UNSET:
            field_dict["contacts_connected"] = contacts_connected

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        total_participants = d.pop("total_participants", UNSET)

        contacts_called = d.pop("contacts_called", UNSET)

        contacts_connected = d.pop("contacts_connected", UNSET)

        get_a_campaign_response_200_data_metrics = cls(
            total_participants=total_participants,
            contacts_called=contacts_called,
            contacts_connected=contacts_connected,
        )

        get_a_campaign_response_200_data_metrics.additional_properties = d
        return get_a_campaign_response_200_data_metrics

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
