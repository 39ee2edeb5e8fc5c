from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.get_all_conversation_logs_response_200_data_logs_item_status import (
    GetAllConversationLogsResponse200DataLogsItemStatus,
)
from ..models.get_all_conversation_logs_response_200_data_logs_item_type import (
    GetAllConversationLogsResponse200DataLogsItemType,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.get_all_conversation_logs_response_200_data_logs_item_agent_disposition_config_item import (
        GetAllConversationLogsResponse200DataLogsItemAgentDispositionConfigItem,
    )
    from ..models.get_all_conversation_logs_response_200_data_logs_item_disposition_metrics import (
        GetAllConversationLogsResponse200DataLogsItemDispositionMetrics,
    )
    from ..models.get_all_conversation_logs_response_200_data_logs_item_post_call_analytics import (
        GetAllConversationLogsResponse200DataLogsItemPostCallAnalytics,
    )
    from ..models.get_all_conversation_logs_response_200_data_logs_item_turn_latency_metrics import (
        GetAllConversationLogsResponse200DataLogsItemTurnLatencyMetrics,
    )


T = TypeVar("T", bound="GetAllConversationLogsResponse200DataLogsItem")


@_attrs_define
class GetAllConversationLogsResponse200DataLogsItem:
    """
    Attributes:
        field_id (str | Unset): The database ID of the call log Example: 60d0fe4f5311236168a109ca.
        call_id (str | Unset): The unique call identifier Example: CALL-1737000000000-abc123.
        status (GetAllConversationLogsResponse200DataLogsItemStatus | Unset): The status of the call Example: completed.
        duration (float | Unset): The duration of the call in seconds Example: 120.
        from_ (str | Unset): The phone number the call was made from Example: +15551234567.
        to (str | Unset): The phone number the call was made to Example: +15559876543.
        type_ (GetAllConversationLogsResponse200DataLogsItemType | Unset): The type of call Example: telephony_outbound.
        agent_id (str | Unset): The ID of the agent that handled the call Example: 60d0fe4f5311236168a109ca.
        recording_url (str | Unset): URL to the call recording (if available) Example:
            https://storage.example.com/recordings/call-123.mp3.
        recording_dual_url (str | Unset): URL to the dual-channel call recording (if available) Example:
            https://storage.example.com/recordings/call-123-dual.mp3.
        disconnection_reason (str | Unset): The reason the call was disconnected Example: user_hangup.
        retry_count (int | Unset): Number of retry attempts for this call Example: 0.
        created_at (datetime.datetime | Unset): When the call was created Example: 2025-01-15T10:30:00.000Z.
        disposition_metrics (GetAllConversationLogsResponse200DataLogsItemDispositionMetrics | Unset): Custom
            disposition metrics for the call Example: {'interested': 'yes', 'follow_up_needed': 'no'}.
        agent_disposition_config (list[GetAllConversationLogsResponse200DataLogsItemAgentDispositionConfigItem] |
            Unset): Configuration for disposition metrics
        call_failure_reason (str | Unset): Reason the call failed, if applicable
        call_cost (float | Unset): Discounted total cost of the call
        version_id (str | Unset): ID of the agent version that handled this call
        version_number (float | Unset): Human-readable version number of the agent version used
        is_test (bool | Unset): Whether this was a test call
        retry_call_id (str | Unset): ID of the retry call if this call was retried
        retry_attempt_number (float | Unset): Which retry attempt this was (0 = initial, 1 = first retry, etc.)
        post_call_analytics (GetAllConversationLogsResponse200DataLogsItemPostCallAnalytics | Unset): Post-call
            analytics results evaluated against the call transcript.
            Contains disposition metric values with confidence scores.
        turn_latency_metrics (GetAllConversationLogsResponse200DataLogsItemTurnLatencyMetrics | Unset): Per-turn latency
            statistics for the call
    """

    field_id: str | Unset = UNSET
    call_id: str | Unset = UNSET
    status: GetAllConversationLogsResponse200DataLogsItemStatus | Unset = UNSET
    duration: float | Unset = UNSET
    from_: str | Unset = UNSET
    to: str | Unset = UNSET
    type_: GetAllConversationLogsResponse200DataLogsItemType | Unset = UNSET
    agent_id: str | Unset = UNSET
    recording_url: str | Unset = UNSET
    recording_dual_url: str | Unset = UNSET
    disconnection_reason: str | Unset = UNSET
    retry_count: int | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    disposition_metrics: GetAllConversationLogsResponse200DataLogsItemDispositionMetrics | Unset = UNSET
    agent_disposition_config: list[GetAllConversationLogsResponse200DataLogsItemAgentDispositionConfigItem] | Unset = (
        UNSET
    )
    call_failure_reason: str | Unset = UNSET
    call_cost: float | Unset = UNSET
    version_id: str | Unset = UNSET
    version_number: float | Unset = UNSET
    is_test: bool | Unset = UNSET
    retry_call_id: str | Unset = UNSET
    retry_attempt_number: float | Unset = UNSET
    post_call_analytics: GetAllConversationLogsResponse200DataLogsItemPostCallAnalytics | Unset = UNSET
    turn_latency_metrics: GetAllConversationLogsResponse200DataLogsItemTurnLatencyMetrics | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_id = self.field_id

        call_id = self.call_id

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        duration = self.duration

        from_ = self.from_

        to = self.to

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        agent_id = self.agent_id

        recording_url = self.recording_url

        recording_dual_url = self.recording_dual_url

        disconnection_reason = self.disconnection_reason

        retry_count = self.retry_count

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        disposition_metrics: dict[str, Any] | Unset = UNSET
        if not isinstance(self.disposition_metrics, Unset):
            disposition_metrics = self.disposition_metrics.to_dict()

        agent_disposition_config: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.agent_disposition_config, Unset):
            agent_disposition_config = []
            for agent_disposition_config_item_data in self.agent_disposition_config:
                agent_disposition_config_item = agent_disposition_config_item_data.to_dict()
                agent_disposition_config.append(agent_disposition_config_item)

        call_failure_reason = self.call_failure_reason

        call_cost = self.call_cost

        version_id = self.version_id

        version_number = self.version_number

        is_test = self.is_test

        retry_call_id = self.retry_call_id

        retry_attempt_number = self.retry_attempt_number

        post_call_analytics: dict[str, Any] | Unset = UNSET
        if not isinstance(self.post_call_analytics, Unset):
            post_call_analytics = self.post_call_analytics.to_dict()

        turn_latency_metrics: dict[str, Any] | Unset = UNSET
        if not isinstance(self.turn_latency_metrics, Unset):
            turn_latency_metrics = self.turn_latency_metrics.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if field_id is not UNSET:
            field_dict["_id"] = field_id
        if call_id is not UNSET:
            field_dict["callId"] = call_id
        if status is not UNSET:
            field_dict["status"] = status
        if duration is not UNSET:
            field_dict["duration"] = duration
        if from_ is not UNSET:
            field_dict["from"] = from_
        if to is not UNSET:
            field_dict["to"] = to
        if type_ is not UNSET:
            field_dict["type"] = type_
        if agent_id is not UNSET:
            field_dict["agentId"] = agent_id
        if recording_url is not UNSET:
            field_dict["recordingUrl"] = recording_url
        if recording_dual_url is not UNSET:
            field_dict["recordingDualUrl"] = recording_dual_url
        if disconnection_reason is not UNSET:
            field_dict["disconnectionReason"] = disconnection_reason
        if retry_count is not UNSET:
            field_dict["retryCount"] = retry_count
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if disposition_metrics is not UNSET:
            field_dict["dispositionMetrics"] = disposition_metrics
        if agent_disposition_config is not UNSET:
            field_dict["agentDispositionConfig"] = agent_disposition_config
        if call_failure_reason is not UNSET:
            field_dict["callFailureReason"] = call_failure_reason
        if call_cost is not UNSET:
            field_dict["callCost"] = call_cost
        if version_id is not UNSET:
            field_dict["versionId"] = version_id
        if version_number is not UNSET:
            field_dict["versionNumber"] = version_number
        if is_test is not UNSET:
            field_dict["isTest"] = is_test
        if retry_call_id is not UNSET:
            field_dict["retryCallId"] = retry_call_id
        if retry_attempt_number is not UNSET:
            field_dict["retryAttemptNumber"] = retry_attempt_number
        if post_call_analytics is not UNSET:
            field_dict["postCallAnalytics"] = post_call_analytics
        if turn_latency_metrics is not UNSET:
            field_dict["turnLatencyMetrics"] = turn_latency_metrics

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.get_all_conversation_logs_response_200_data_logs_item_agent_disposition_config_item import (
            GetAllConversationLogsResponse200DataLogsItemAgentDispositionConfigItem,  # noqa: PLC0415
        )
        from ..models.get_all_conversation_logs_response_200_data_logs_item_disposition_metrics import (
            GetAllConversationLogsResponse200DataLogsItemDispositionMetrics,  # noqa: PLC0415
        )
        from ..models.get_all_conversation_logs_response_200_data_logs_item_post_call_analytics import (
            GetAllConversationLogsResponse200DataLogsItemPostCallAnalytics,  # noqa: PLC0415
        )
        from ..models.get_all_conversation_logs_response_200_data_logs_item_turn_latency_metrics import (
            GetAllConversationLogsResponse200DataLogsItemTurnLatencyMetrics,  # noqa: PLC0415
        )

        d = dict(src_dict)
        field_id = d.pop("_id", UNSET)

        call_id = d.pop("callId", UNSET)

        _status = d.pop("status", UNSET)
        status: GetAllConversationLogsResponse200DataLogsItemStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = GetAllConversationLogsResponse200DataLogsItemStatus(_status)

        duration = d.pop("duration", UNSET)

        from_ = d.pop("from", UNSET)

        to = d.pop("to", UNSET)

        _type_ = d.pop("type", UNSET)
        type_: GetAllConversationLogsResponse200DataLogsItemType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = GetAllConversationLogsResponse200DataLogsItemType(_type_)

        agent_id = d.pop("agentId", UNSET)

        recording_url = d.pop("recordingUrl", UNSET)

        recording_dual_url = d.pop("recordingDualUrl", UNSET)

        disconnection_reason = d.pop("disconnectionReason", UNSET)

        retry_count = d.pop("retryCount", UNSET)

        _created_at = d.pop("createdAt", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        _disposition_metrics = d.pop("dispositionMetrics", UNSET)
        disposition_metrics: GetAllConversationLogsResponse200DataLogsItemDispositionMetrics | Unset
        if isinstance(_disposition_metrics, Unset):
            disposition_metrics = UNSET
        else:
            disposition_metrics = GetAllConversationLogsResponse200DataLogsItemDispositionMetrics.from_dict(
                _disposition_metrics
            )

        _agent_disposition_config = d.pop("agentDispositionConfig", UNSET)
        agent_disposition_config: (
            list[GetAllConversationLogsResponse200DataLogsItemAgentDispositionConfigItem] | Unset
        ) = UNSET
        if _agent_disposition_config is not UNSET:
            agent_disposition_config = []
            for agent_disposition_config_item_data in _agent_disposition_config:
                agent_disposition_config_item = (
                    GetAllConversationLogsResponse200DataLogsItemAgentDispositionConfigItem.from_dict(
                        agent_disposition_config_item_data
                    )
                )

                agent_disposition_config.append(agent_disposition_config_item)

        call_failure_reason = d.pop("callFailureReason", UNSET)

        call_cost = d.pop("callCost", UNSET)

        version_id = d.pop("versionId", UNSET)

        version_number = d.pop("versionNumber", UNSET)

        is_test = d.pop("isTest", UNSET)

        retry_call_id = d.pop("retryCallId", UNSET)

        retry_attempt_number = d.pop("retryAttemptNumber", UNSET)

        _post_call_analytics = d.pop("postCallAnalytics", UNSET)
        post_call_analytics: GetAllConversationLogsResponse200DataLogsItemPostCallAnalytics | Unset
        if isinstance(_post_call_analytics, Unset):
            post_call_analytics = UNSET
        else:
            post_call_analytics = GetAllConversationLogsResponse200DataLogsItemPostCallAnalytics.from_dict(
                _post_call_analytics
            )

        _turn_latency_metrics = d.pop("turnLatencyMetrics", UNSET)
        turn_latency_metrics: GetAllConversationLogsResponse200DataLogsItemTurnLatencyMetrics | Unset
        if isinstance(_turn_latency_metrics, Unset):
            turn_latency_metrics = UNSET
        else:
            turn_latency_metrics = GetAllConversationLogsResponse200DataLogsItemTurnLatencyMetrics.from_dict(
                _turn_latency_metrics
            )

        get_all_conversation_logs_response_200_data_logs_item = cls(
            field_id=field_id,
            call_id=call_id,
            status=status,
            duration=duration,
            from_=from_,
            to=to,
            type_=type_,
            agent_id=agent_id,
            recording_url=recording_url,
            recording_dual_url=recording_dual_url,
            disconnection_reason=disconnection_reason,
            retry_count=retry_count,
            created_at=created_at,
            disposition_metrics=disposition_metrics,
            agent_disposition_config=agent_disposition_config,
            call_failure_reason=call_failure_reason,
            call_cost=call_cost,
            version_id=version_id,
            version_number=version_number,
            is_test=is_test,
            retry_call_id=retry_call_id,
            retry_attempt_number=retry_attempt_number,
            post_call_analytics=post_call_analytics,
            turn_latency_metrics=turn_latency_metrics,
        )

        get_all_conversation_logs_response_200_data_logs_item.additional_properties = d
        return get_all_conversation_logs_response_200_data_logs_item

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
