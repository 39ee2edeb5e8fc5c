from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.action import Action
from ..models.dispatch import Dispatch
from ..types import UNSET, Unset

T = TypeVar("T", bound="CampaignAction")


@_attrs_define
class CampaignAction:
    """
    Attributes:
        action (Action): The vendor-neutral actions, and the native delete and update.
        dispatch (Dispatch): Whether the vendor took the campaign: `in_flight` while the gateway is calling it,
            `accepted`, `rejected`, or `unknown` when the outcome cannot be known (never re-sent automatically; `campaign-
            gateway reconcile` settles it).
        requested_at (datetime.datetime):
        completed_at (datetime.datetime | None):
        route (str | Unset): The vendor-neutral action route, or the native path it was sent to.
    """

    action: Action
    dispatch: Dispatch
    requested_at: datetime.datetime
    completed_at: datetime.datetime | None
    route: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action.value

        dispatch = self.dispatch.value

        requested_at = self.requested_at.isoformat()

        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        route = self.route

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "dispatch": dispatch,
                "requested_at": requested_at,
                "completed_at": completed_at,
            }
        )
        if route is not UNSET:
            field_dict["route"] = route

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = Action(d.pop("action"))

        dispatch = Dispatch(d.pop("dispatch"))

        requested_at = datetime.datetime.fromisoformat(d.pop("requested_at"))

        def _parse_completed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        completed_at = _parse_completed_at(d.pop("completed_at"))

        route = d.pop("route", UNSET)

        campaign_action = cls(
            action=action,
            dispatch=dispatch,
            requested_at=requested_at,
            completed_at=completed_at,
            route=route,
        )

        campaign_action.additional_properties = d
        return campaign_action

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
