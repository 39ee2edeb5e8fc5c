from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.call_status import CallStatus
from ..models.call_type import CallType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.call_classification_data import CallClassificationData
    from ..models.call_context import CallContext
    from ..models.call_extracted_data import CallExtractedData


T = TypeVar("T", bound="Call")


@_attrs_define
class Call:
    """A call, as documented on the "Get a call" page. Members whose type the captured page does not give are left untyped.
    There is no campaignId member.

        Attributes:
            id (Any | Unset):
            agent_id (Any | Unset):
            phone (str | Unset): Phone number of the other party, in the E.164 international standard format
            type_ (CallType | Unset):
            duration (Any | Unset): Duration of the call, in seconds
            start_time (datetime.datetime | Unset): Format: UTC time - yyyy-MM-dd'T'HH:mm:ss'Z'
            end_time (datetime.datetime | Unset): Format: UTC time - yyyy-MM-dd'T'HH:mm:ss'Z'
            anonymous (Any | Unset):
            status (CallStatus | Unset):
            extractors (list[Any] | Unset):
            extracted_data (CallExtractedData | Unset): Flattened result of the extractors
            classifiers (list[Any] | Unset):
            classification_data (CallClassificationData | Unset):
            context (CallContext | Unset): System prefixed variables are reserved and automatically injected by Volubile
                system e.g. recipient phone, instant time of the call, etc.
            recorded (Any | Unset):
            summary (Any | Unset):
            created (Any | Unset):
    """

    id: Any | Unset = UNSET
    agent_id: Any | Unset = UNSET
    phone: str | Unset = UNSET
    type_: CallType | Unset = UNSET
    duration: Any | Unset = UNSET
    start_time: datetime.datetime | Unset = UNSET
    end_time: datetime.datetime | Unset = UNSET
    anonymous: Any | Unset = UNSET
    status: CallStatus | Unset = UNSET
    extractors: list[Any] | Unset = UNSET
    extracted_data: CallExtractedData | Unset = UNSET
    classifiers: list[Any] | Unset = UNSET
    classification_data: CallClassificationData | Unset = UNSET
    context: CallContext | Unset = UNSET
    recorded: Any | Unset = UNSET
    summary: Any | Unset = UNSET
    created: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        agent_id = self.agent_id

        phone = self.phone

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        duration = self.duration

        start_time: str | Unset = UNSET
        if not isinstance(self.start_time, Unset):
            start_time = self.start_time.isoformat()

        end_time: str | Unset = UNSET
        if not isinstance(self.end_time, Unset):
            end_time = self.end_time.isoformat()

        anonymous = self.anonymous

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        extractors: list[Any] | Unset = UNSET
        if not isinstance(self.extractors, Unset):
            extractors = self.extractors

        extracted_data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.extracted_data, Unset):
            extracted_data = self.extracted_data.to_dict()

        classifiers: list[Any] | Unset = UNSET
        if not isinstance(self.classifiers, Unset):
            classifiers = self.classifiers

        classification_data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.classification_data, Unset):
            classification_data = self.classification_data.to_dict()

        context: dict[str, Any] | Unset = UNSET
        if not isinstance(self.context, Unset):
            context = self.context.to_dict()

        recorded = self.recorded

        summary = self.summary

        created = self.created

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if agent_id is not UNSET:
            field_dict["agentId"] = agent_id
        if phone is not UNSET:
            field_dict["phone"] = phone
        if type_ is not UNSET:
            field_dict["type"] = type_
        if duration is not UNSET:
            field_dict["duration"] = duration
        if start_time is not UNSET:
            field_dict["startTime"] = start_time
        if end_time is not UNSET:
            field_dict["endTime"] = end_time
        if anonymous is not UNSET:
            field_dict["anonymous"] = anonymous
        if status is not UNSET:
            field_dict["status"] = status
        if extractors is not UNSET:
            field_dict["extractors"] = extractors
        if extracted_data is not UNSET:
            field_dict["extractedData"] = extracted_data
        if classifiers is not UNSET:
            field_dict["classifiers"] = classifiers
        if classification_data is not UNSET:
            field_dict["classificationData"] = classification_data
        if context is not UNSET:
            field_dict["context"] = context
        if recorded is not UNSET:
            field_dict["recorded"] = recorded
        if summary is not UNSET:
            field_dict["summary"] = summary
        if created is not UNSET:
            field_dict["created"] = created

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.call_classification_data import CallClassificationData  # noqa: PLC0415
        from ..models.call_context import CallContext  # noqa: PLC0415
        from ..models.call_extracted_data import CallExtractedData  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        agent_id = d.pop("agentId", UNSET)

        phone = d.pop("phone", UNSET)

        _type_ = d.pop("type", UNSET)
        type_: CallType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = CallType(_type_)

        duration = d.pop("duration", UNSET)

        _start_time = d.pop("startTime", UNSET)
        start_time: datetime.datetime | Unset
        if isinstance(_start_time, Unset):
            start_time = UNSET
        else:
            start_time = datetime.datetime.fromisoformat(_start_time)

        _end_time = d.pop("endTime", UNSET)
        end_time: datetime.datetime | Unset
        if isinstance(_end_time, Unset):
            end_time = UNSET
        else:
            end_time = datetime.datetime.fromisoformat(_end_time)

        anonymous = d.pop("anonymous", UNSET)

        _status = d.pop("status", UNSET)
        status: CallStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = CallStatus(_status)

        extractors = cast(list[Any], d.pop("extractors", UNSET))

        _extracted_data = d.pop("extractedData", UNSET)
        extracted_data: CallExtractedData | Unset
        if isinstance(_extracted_data, Unset):
            extracted_data = UNSET
        else:
            extracted_data = CallExtractedData.from_dict(_extracted_data)

        classifiers = cast(list[Any], d.pop("classifiers", UNSET))

        _classification_data = d.pop("classificationData", UNSET)
        classification_data: CallClassificationData | Unset
        if isinstance(_classification_data, Unset):
            classification_data = UNSET
        else:
            classification_data = CallClassificationData.from_dict(_classification_data)

        _context = d.pop("context", UNSET)
        context: CallContext | Unset
        if isinstance(_context, Unset):
            context = UNSET
        else:
            context = CallContext.from_dict(_context)

        recorded = d.pop("recorded", UNSET)

        summary = d.pop("summary", UNSET)

        created = d.pop("created", UNSET)

        call = cls(
            id=id,
            agent_id=agent_id,
            phone=phone,
            type_=type_,
            duration=duration,
            start_time=start_time,
            end_time=end_time,
            anonymous=anonymous,
            status=status,
            extractors=extractors,
            extracted_data=extracted_data,
            classifiers=classifiers,
            classification_data=classification_data,
            context=context,
            recorded=recorded,
            summary=summary,
            created=created,
        )

        call.additional_properties = d
        return call

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
