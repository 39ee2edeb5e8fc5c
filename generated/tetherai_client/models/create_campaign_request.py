from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.create_campaign_request_assignment import CreateCampaignRequestAssignment
    from ..models.create_campaign_request_raw_csv_data import CreateCampaignRequestRawCsvData
    from ..models.create_campaign_request_segmentation import CreateCampaignRequestSegmentation
    from ..models.existing_contact import ExistingContact
    from ..models.new_contact import NewContact


T = TypeVar("T", bound="CreateCampaignRequest")


@_attrs_define
class CreateCampaignRequest:
    """
    Attributes:
        name (str):  Example: Q2 Lead Gen.
        message (str):  Example: Hi {{firstName}}, are you still interested?.
        new_contacts (list[NewContact] | Unset):
        selected_existing_contacts (list[ExistingContact] | Unset):
        user_ids (list[str] | Unset): Legacy format - contact IDs
        schedule_date (datetime.datetime | Unset):  Example: 2026-05-20T15:00:00.000Z.
        process (str | Unset):
        status (str | Unset):
        is_autopilot (bool | Unset):  Example: False.
        type_ (str | Unset):  Example: sms.
        segmentation (CreateCampaignRequestSegmentation | Unset):
        assignment (CreateCampaignRequestAssignment | Unset):
        raw_csv_data (CreateCampaignRequestRawCsvData | Unset):
    """

    name: str
    message: str
    new_contacts: list[NewContact] | Unset = UNSET
    selected_existing_contacts: list[ExistingContact] | Unset = UNSET
    user_ids: list[str] | Unset = UNSET
    schedule_date: datetime.datetime | Unset = UNSET
    process: str | Unset = UNSET
    status: str | Unset = UNSET
    is_autopilot: bool | Unset = UNSET
    type_: str | Unset = UNSET
    segmentation: CreateCampaignRequestSegmentation | Unset = UNSET
    assignment: CreateCampaignRequestAssignment | Unset = UNSET
    raw_csv_data: CreateCampaignRequestRawCsvData | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        message = self.message

        new_contacts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.new_contacts, Unset):
            new_contacts = []
            for new_contacts_item_data in self.new_contacts:
                new_contacts_item = new_contacts_item_data.to_dict()
                new_contacts.append(new_contacts_item)

        selected_existing_contacts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.selected_existing_contacts, Unset):
            selected_existing_contacts = []
            for selected_existing_contacts_item_data in self.selected_existing_contacts:
                selected_existing_contacts_item = selected_existing_contacts_item_data.to_dict()
                selected_existing_contacts.append(selected_existing_contacts_item)

        user_ids: list[str] | Unset = UNSET
        if not isinstance(self.user_ids, Unset):
            user_ids = self.user_ids

        schedule_date: str | Unset = UNSET
        if not isinstance(self.schedule_date, Unset):
            schedule_date = self.schedule_date.isoformat()

        process = self.process

        status = self.status

        is_autopilot = self.is_autopilot

        type_ = self.type_

        segmentation: dict[str, Any] | Unset = UNSET
        if not isinstance(self.segmentation, Unset):
            segmentation = self.segmentation.to_dict()

        assignment: dict[str, Any] | Unset = UNSET
        if not isinstance(self.assignment, Unset):
            assignment = self.assignment.to_dict()

        raw_csv_data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.raw_csv_data, Unset):
            raw_csv_data = self.raw_csv_data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "message": message,
            }
        )
        if new_contacts is not UNSET:
            field_dict["newContacts"] = new_contacts
        if selected_existing_contacts is not UNSET:
            field_dict["selectedExistingContacts"] = selected_existing_contacts
        if user_ids is not UNSET:
            field_dict["userIds"] = user_ids
        if schedule_date is not UNSET:
            field_dict["scheduleDate"] = schedule_date
        if process is not UNSET:
            field_dict["process"] = process
        if status is not UNSET:
            field_dict["status"] = status
        if is_autopilot is not UNSET:
            field_dict["isAutopilot"] = is_autopilot
        if type_ is not UNSET:
            field_dict["type"] = type_
        if segmentation is not UNSET:
            field_dict["segmentation"] = segmentation
        if assignment is not UNSET:
            field_dict["assignment"] = assignment
        if raw_csv_data is not UNSET:
            field_dict["rawCsvData"] = raw_csv_data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.create_campaign_request_assignment import CreateCampaignRequestAssignment  # noqa: PLC0415
        from ..models.create_campaign_request_raw_csv_data import CreateCampaignRequestRawCsvData  # noqa: PLC0415
        from ..models.create_campaign_request_segmentation import CreateCampaignRequestSegmentation  # noqa: PLC0415
        from ..models.existing_contact import ExistingContact  # noqa: PLC0415
        from ..models.new_contact import NewContact  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        message = d.pop("message")

        _new_contacts = d.pop("newContacts", UNSET)
        new_contacts: list[NewContact] | Unset = UNSET
        if _new_contacts is not UNSET:
            new_contacts = []
            for new_contacts_item_data in _new_contacts:
                new_contacts_item = NewContact.from_dict(new_contacts_item_data)

                new_contacts.append(new_contacts_item)

        _selected_existing_contacts = d.pop("selectedExistingContacts", UNSET)
        selected_existing_contacts: list[ExistingContact] | Unset = UNSET
        if _selected_existing_contacts is not UNSET:
            selected_existing_contacts = []
            for selected_existing_contacts_item_data in _selected_existing_contacts:
                selected_existing_contacts_item = ExistingContact.from_dict(selected_existing_contacts_item_data)

                selected_existing_contacts.append(selected_existing_contacts_item)

        user_ids = cast(list[str], d.pop("userIds", UNSET))

        _schedule_date = d.pop("scheduleDate", UNSET)
        schedule_date: datetime.datetime | Unset
        if isinstance(_schedule_date, Unset):
            schedule_date = UNSET
        else:
            schedule_date = datetime.datetime.fromisoformat(_schedule_date)

        process = d.pop("process", UNSET)

        status = d.pop("status", UNSET)

        is_autopilot = d.pop("isAutopilot", UNSET)

        type_ = d.pop("type", UNSET)

        _segmentation = d.pop("segmentation", UNSET)
        segmentation: CreateCampaignRequestSegmentation | Unset
        if isinstance(_segmentation, Unset):
            segmentation = UNSET
        else:
            segmentation = CreateCampaignRequestSegmentation.from_dict(_segmentation)

        _assignment = d.pop("assignment", UNSET)
        assignment: CreateCampaignRequestAssignment | Unset
        if isinstance(_assignment, Unset):
            assignment = UNSET
        else:
            assignment = CreateCampaignRequestAssignment.from_dict(_assignment)

        _raw_csv_data = d.pop("rawCsvData", UNSET)
        raw_csv_data: CreateCampaignRequestRawCsvData | Unset
        if isinstance(_raw_csv_data, Unset):
            raw_csv_data = UNSET
        else:
            raw_csv_data = CreateCampaignRequestRawCsvData.from_dict(_raw_csv_data)

        create_campaign_request = cls(
            name=name,
            message=message,
            new_contacts=new_contacts,
            selected_existing_contacts=selected_existing_contacts,
            user_ids=user_ids,
            schedule_date=schedule_date,
            process=process,
            status=status,
            is_autopilot=is_autopilot,
            type_=type_,
            segmentation=segmentation,
            assignment=assignment,
            raw_csv_data=raw_csv_data,
        )

        create_campaign_request.additional_properties = d
        return create_campaign_request

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
