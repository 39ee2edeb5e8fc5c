from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.field_error import FieldError


T = TypeVar("T", bound="Problem")


@_attrs_define
class Problem:
    """RFC 9457 problem details.

    Attributes:
        type_ (str):
        title (str):
        status (int):
        detail (str | Unset):
        instance (str | Unset):
        errors (list[FieldError] | Unset):
        vendor (str | Unset):
        vendor_status (int | Unset):
        campaign_id (str | Unset):
        current_status (None | str | Unset):
        allowed_statuses (list[str] | Unset):
        action (str | Unset):
        reason (str | Unset):
    """

    type_: str
    title: str
    status: int
    detail: str | Unset = UNSET
    instance: str | Unset = UNSET
    errors: list[FieldError] | Unset = UNSET
    vendor: str | Unset = UNSET
    vendor_status: int | Unset = UNSET
    campaign_id: str | Unset = UNSET
    current_status: None | str | Unset = UNSET
    allowed_statuses: list[str] | Unset = UNSET
    action: str | Unset = UNSET
    reason: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        title = self.title

        status = self.status

        detail = self.detail

        instance = self.instance

        errors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = []
            for errors_item_data in self.errors:
                errors_item = errors_item_data.to_dict()
                errors.append(errors_item)

        vendor = self.vendor

        vendor_status = self.vendor_status

        campaign_id = self.campaign_id

        current_status: None | str | Unset
        if isinstance(self.current_status, Unset):
            current_status = UNSET
        else:
            current_status = self.current_status

        allowed_statuses: list[str] | Unset = UNSET
        if not isinstance(self.allowed_statuses, Unset):
            allowed_statuses = self.allowed_statuses

        action = self.action

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "title": title,
                "status": status,
            }
        )
        if detail is not UNSET:
            field_dict["detail"] = detail
        if instance is not UNSET:
            field_dict["instance"] = instance
        if errors is not UNSET:
            field_dict["errors"] = errors
        if vendor is not UNSET:
            field_dict["vendor"] = vendor
        if vendor_status is not UNSET:
            field_dict["vendor_status"] = vendor_status
        if campaign_id is not UNSET:
            field_dict["campaign_id"] = campaign_id
        if current_status is not UNSET:
            field_dict["current_status"] = current_status
        if allowed_statuses is not UNSET:
            field_dict["allowed_statuses"] = allowed_statuses
        if action is not UNSET:
            field_dict["action"] = action
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.field_error import FieldError  # noqa: PLC0415

        d = dict(src_dict)
        type_ = d.pop("type")

        title = d.pop("title")

        status = d.pop("status")

        detail = d.pop("detail", UNSET)

        instance = d.pop("instance", UNSET)

        _errors = d.pop("errors", UNSET)
        errors: list[FieldError] | Unset = UNSET
        if _errors is not UNSET:
            errors = []
            for errors_item_data in _errors:
                errors_item = FieldError.from_dict(errors_item_data)

                errors.append(errors_item)

        vendor = d.pop("vendor", UNSET)

        vendor_status = d.pop("vendor_status", UNSET)

        campaign_id = d.pop("campaign_id", UNSET)

        def _parse_current_status(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        current_status = _parse_current_status(d.pop("current_status", UNSET))

        allowed_statuses = cast(list[str], d.pop("allowed_statuses", UNSET))

        action = d.pop("action", UNSET)

        reason = d.pop("reason", UNSET)

        problem = cls(
            type_=type_,
            title=title,
            status=status,
            detail=detail,
            instance=instance,
            errors=errors,
            vendor=vendor,
            vendor_status=vendor_status,
            campaign_id=campaign_id,
            current_status=current_status,
            allowed_statuses=allowed_statuses,
            action=action,
            reason=reason,
        )

        problem.additional_properties = d
        return problem

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
