from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.message_sender_type import MessageSenderType
from ..models.message_status import MessageStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="Message")


@_attrs_define
class Message:
    """A message, with the members the captured documentation names (from the vendor's example and field list). A member
    whose type it does not give is left untyped.

        Attributes:
            id (Any | Unset): The ID of the resource
            body (Any | Unset): The message text
            conversation_id (Any | Unset):
            user_id (Any | Unset):
            campaign_message_id (Any | Unset): The ID of the campaign message
            campaign_id (Any | Unset):
            channel_id (Any | Unset):
            inbox_id (Any | Unset):
            inbound (bool | Unset): Whether the message was received (true) or sent (false)
            members (Any | Unset): The phone numbers or identifiers of message participants
            sender (Any | Unset):
            sender_type (MessageSenderType | Unset):
            status (MessageStatus | Unset): The status of the message
            error (Any | Unset):
            sent_by_name (Any | Unset):
            error_code (Any | Unset):
            created (Any | Unset):
            updated (Any | Unset):
            seen (Any | Unset):
            external_id (Any | Unset):
            segments (Any | Unset): Number of SMS message segments used by the message
            timestamp (Any | Unset):
    """

    id: Any | Unset = UNSET
    body: Any | Unset = UNSET
    conversation_id: Any | Unset = UNSET
    user_id: Any | Unset = UNSET
    campaign_message_id: Any | Unset = UNSET
    campaign_id: Any | Unset = UNSET
    channel_id: Any | Unset = UNSET
    inbox_id: Any | Unset = UNSET
    inbound: bool | Unset = UNSET
    members: Any | Unset = UNSET
    sender: Any | Unset = UNSET
    sender_type: MessageSenderType | Unset = UNSET
    status: MessageStatus | Unset = UNSET
    error: Any | Unset = UNSET
    sent_by_name: Any | Unset = UNSET
    error_code: Any | Unset = UNSET
    created: Any | Unset = UNSET
    updated: Any | Unset = UNSET
    seen: Any | Unset = UNSET
    external_id: Any | Unset = UNSET
    segments: Any | Unset = UNSET
    timestamp: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        body = self.body

        conversation_id = self.conversation_id

        user_id = self.user_id

        campaign_message_id = self.campaign_message_id

        campaign_id = self.campaign_id

        channel_id = self.channel_id

        inbox_id = self.inbox_id

        inbound = self.inbound

        members = self.members

        sender = self.sender

        sender_type: str | Unset = UNSET
        if not isinstance(self.sender_type, Unset):
            sender_type = self.sender_type.value

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        error = self.error

        sent_by_name = self.sent_by_name

        error_code = self.error_code

        created = self.created

        updated = self.updated

        seen = self.seen

        external_id = self.external_id

        segments = self.segments

        timestamp = self.timestamp

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if body is not UNSET:
            field_dict["body"] = body
        if conversation_id is not UNSET:
            field_dict["conversationId"] = conversation_id
        if user_id is not UNSET:
            field_dict["userId"] = user_id
        if campaign_message_id is not UNSET:
            field_dict["campaignMessageId"] = campaign_message_id
        if campaign_id is not UNSET:
            field_dict["campaignId"] = campaign_id
        if channel_id is not UNSET:
            field_dict["channelId"] = channel_id
        if inbox_id is not UNSET:
            field_dict["inboxId"] = inbox_id
        if inbound is not UNSET:
            field_dict["inbound"] = inbound
        if members is not UNSET:
            field_dict["members"] = members
        if sender is not UNSET:
            field_dict["sender"] = sender
        if sender_type is not UNSET:
            field_dict["senderType"] = sender_type
        if status is not UNSET:
            field_dict["status"] = status
        if error is not UNSET:
            field_dict["error"] = error
        if sent_by_name is not UNSET:
            field_dict["sentByName"] = sent_by_name
        if error_code is not UNSET:
            field_dict["errorCode"] = error_code
        if created is not UNSET:
            field_dict["created"] = created
        if updated is not UNSET:
            field_dict["updated"] = updated
        if seen is not UNSET:
            field_dict["seen"] = seen
        if external_id is not UNSET:
            field_dict["externalId"] = external_id
        if segments is not UNSET:
            field_dict["segments"] = segments
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        body = d.pop("body", UNSET)

        conversation_id = d.pop("conversationId", UNSET)

        user_id = d.pop("userId", UNSET)

        campaign_message_id = d.pop("campaignMessageId", UNSET)

        campaign_id = d.pop("campaignId", UNSET)

        channel_id = d.pop("channelId", UNSET)

        inbox_id = d.pop("inboxId", UNSET)

        inbound = d.pop("inbound", UNSET)

        members = d.pop("members", UNSET)

        sender = d.pop("sender", UNSET)

        _sender_type = d.pop("senderType", UNSET)
        sender_type: MessageSenderType | Unset
        if isinstance(_sender_type, Unset):
            sender_type = UNSET
        else:
            sender_type = MessageSenderType(_sender_type)

        _status = d.pop("status", UNSET)
        status: MessageStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = MessageStatus(_status)

        error = d.pop("error", UNSET)

        sent_by_name = d.pop("sentByName", UNSET)

        error_code = d.pop("errorCode", UNSET)

        created = d.pop("created", UNSET)

        updated = d.pop("updated", UNSET)

        seen = d.pop("seen", UNSET)

        external_id = d.pop("externalId", UNSET)

        segments = d.pop("segments", UNSET)

        timestamp = d.pop("timestamp", UNSET)

        message = cls(
            id=id,
            body=body,
            conversation_id=conversation_id,
            user_id=user_id,
            campaign_message_id=campaign_message_id,
            campaign_id=campaign_id,
            channel_id=channel_id,
            inbox_id=inbox_id,
            inbound=inbound,
            members=members,
            sender=sender,
            sender_type=sender_type,
            status=status,
            error=error,
            sent_by_name=sent_by_name,
            error_code=error_code,
            created=created,
            updated=updated,
            seen=seen,
            external_id=external_id,
            segments=segments,
            timestamp=timestamp,
        )

        message.additional_properties = d
        return message

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
