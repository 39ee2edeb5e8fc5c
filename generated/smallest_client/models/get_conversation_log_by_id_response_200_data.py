from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.get_conversation_log_by_id_response_200_data_status import GetConversationLogByIdResponse200DataStatus
from ..models.get_conversation_log_by_id_response_200_data_type import GetConversationLogByIdResponse200DataType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agent_dto import AgentDTO
    from ..models.get_conversation_log_by_id_response_200_data_events_item import (
        GetConversationLogByIdResponse200DataEventsItem,
    )
    from ..models.get_conversation_log_by_id_response_200_data_post_call_analytics import (
        GetConversationLogByIdResponse200DataPostCallAnalytics,
    )
    from ..models.get_conversation_log_by_id_response_200_data_transcript_item import (
        GetConversationLogByIdResponse200DataTranscriptItem,
    )
    from ..models.get_conversation_log_by_id_response_200_data_turn_latency_metrics import (
        GetConversationLogByIdResponse200DataTurnLatencyMetrics,
    )
    from ..models.get_conversation_log_by_id_response_200_data_variables import (
        GetConversationLogByIdResponse200DataVariables,
    )
    from ..models.get_conversation_log_by_id_response_200_data_voice_config_used import (
        GetConversationLogByIdResponse200DataVoiceConfigUsed,
    )


T = TypeVar("T", bound="GetConversationLogByIdResponse200Data")


@_attrs_define
class GetConversationLogByIdResponse200Data:
    """
    Attributes:
        field_id (str | Unset): The database ID of the conversation log Example: 60d0fe4f5311236168a109ca.
        call_id (str | Unset): The unique call identifier Example: CALL-1737000000000-abc123.
        agent (AgentDTO | Unset):
        status (GetConversationLogByIdResponse200DataStatus | Unset): The status of the conversation Example: completed.
        duration (float | Unset): The duration of the conversation in seconds Example: 300.
        recording_url (str | Unset): The recording URL of the conversation
        recording_dual_url (str | Unset): URL to the dual-channel recording of the conversation
        from_ (str | Unset): The phone number of the caller
        to (str | Unset): The phone number of the callee
        type_ (GetConversationLogByIdResponse200DataType | Unset): The type of the conversation
        transcript (list[GetConversationLogByIdResponse200DataTranscriptItem] | Unset): The reconstructed transcript of
            the conversation
        variables (GetConversationLogByIdResponse200DataVariables | Unset): Runtime variables resolved and used during
            the call
        events (list[GetConversationLogByIdResponse200DataEventsItem] | Unset): Raw event stream from the relay service
        call_cost (float | Unset): Discounted total cost of the call
        call_failure_reason (str | Unset): Reason the call failed, if applicable
        retry_call_id (str | Unset): ID of the retry call if this call was retried
        post_call_analytics (GetConversationLogByIdResponse200DataPostCallAnalytics | Unset): Post-call analytics
            results evaluated against the call transcript
        turn_latency_metrics (GetConversationLogByIdResponse200DataTurnLatencyMetrics | Unset): Per-turn latency
            statistics for the call. Replaces the deprecated average_*_latency fields.
        voice_config_used (GetConversationLogByIdResponse200DataVoiceConfigUsed | Unset): The voice configuration that
            was actually used for this call
        slm_model_used (str | Unset): The SLM/LLM model that was actually used for this call
    """

    field_id: str | Unset = UNSET
    call_id: str | Unset = UNSET
    agent: AgentDTO | Unset = UNSET
    status: GetConversationLogByIdResponse200DataStatus | Unset = UNSET
    duration: float | Unset = UNSET
    recording_url: str | Unset = UNSET
    recording_dual_url: str | Unset = UNSET
    from_: str | Unset = UNSET
    to: str | Unset = UNSET
    type_: GetConversationLogByIdResponse200DataType | Unset = UNSET
    transcript: list[GetConversationLogByIdResponse200DataTranscriptItem] | Unset = UNSET
    variables: GetConversationLogByIdResponse200DataVariables | Unset = UNSET
    events: list[GetConversationLogByIdResponse200DataEventsItem] | Unset = UNSET
    call_cost: float | Unset = UNSET
    call_failure_reason: str | Unset = UNSET
    retry_call_id: str | Unset = UNSET
    post_call_analytics: GetConversationLogByIdResponse200DataPostCallAnalytics | Unset = UNSET
    turn_latency_metrics: GetConversationLogByIdResponse200DataTurnLatencyMetrics | Unset = UNSET
    voice_config_used: GetConversationLogByIdResponse200DataVoiceConfigUsed | Unset = UNSET
    slm_model_used: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_id = self.field_id

        call_id = self.call_id

        agent: dict[str, Any] | Unset = UNSET
        if not isinstance(self.agent, Unset):
            agent = self.agent.to_dict()

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        duration = self.duration

        recording_url = self.recording_url

        recording_dual_url = self.recording_dual_url

        from_ = self.from_

        to = self.to

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        transcript: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.transcript, Unset):
            transcript = []
            for transcript_item_data in self.transcript:
                transcript_item = transcript_item_data.to_dict()
                transcript.append(transcript_item)

        variables: dict[str, Any] | Unset = UNSET
        if not isinstance(self.variables, Unset):
            variables = self.variables.to_dict()

        events: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.events, Unset):
            events = []
            for events_item_data in self.events:
                events_item = events_item_data.to_dict()
                events.append(events_item)

        call_cost = self.call_cost

        call_failure_reason = self.call_failure_reason

        retry_call_id = self.retry_call_id

        post_call_analytics: dict[str, Any] | Unset = UNSET
        if not isinstance(self.post_call_analytics, Unset):
            post_call_analytics = self.post_call_analytics.to_dict()

        turn_latency_metrics: dict[str, Any] | Unset = UNSET
        if not isinstance(self.turn_latency_metrics, Unset):
            turn_latency_metrics = self.turn_latency_metrics.to_dict()

        voice_config_used: dict[str, Any] | Unset = UNSET
        if not isinstance(self.voice_config_used, Unset):
            voice_config_used = self.voice_config_used.to_dict()

        slm_model_used = self.slm_model_used

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if field_id is not UNSET:
            field_dict["_id"] = field_id
        if call_id is not UNSET:
            field_dict["callId"] = call_id
        if agent is not UNSET:
            field_dict["agent"] = agent
        if status is not UNSET:
            field_dict["status"] = status
        if duration is not UNSET:
            field_dict["duration"] = duration
        if recording_url is not UNSET:
            field_dict["recordingUrl"] = recording_url
        if recording_dual_url is not UNSET:
            field_dict["recordingDualUrl"] = recording_dual_url
        if from_ is not UNSET:
            field_dict["from"] = from_
        if to is not UNSET:
            field_dict["to"] = to
        if type_ is not UNSET:
            field_dict["type"] = type_
        if transcript is not UNSET:
            field_dict["transcript"] = transcript
        if variables is not UNSET:
            field_dict["variables"] = variables
        if events is not UNSET:
            field_dict["events"] = events
        if call_cost is not UNSET:
            field_dict["callCost"] = call_cost
        if call_failure_reason is not UNSET:
            field_dict["callFailureReason"] = call_failure_reason
        if retry_call_id is not UNSET:
            field_dict["retryCallId"] = retry_call_id
        if post_call_analytics is not UNSET:
            field_dict["postCallAnalytics"] = post_call_analytics
        if turn_latency_metrics is not UNSET:
            field_dict["turnLatencyMetrics"] = turn_latency_metrics
        if voice_config_used is not UNSET:
            field_dict["voiceConfigUsed"] = voice_config_used
        if slm_model_used is not UNSET:
            field_dict["slmModelUsed"] = slm_model_used

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agent_dto import AgentDTO  # noqa: PLC0415
        from ..models.get_conversation_log_by_id_response_200_data_events_item import (
            GetConversationLogByIdResponse200DataEventsItem,  # noqa: PLC0415
        )
        from ..models.get_conversation_log_by_id_response_200_data_post_call_analytics import (
            GetConversationLogByIdResponse200DataPostCallAnalytics,  # noqa: PLC0415
        )
        from ..models.get_conversation_log_by_id_response_200_data_transcript_item import (
            GetConversationLogByIdResponse200DataTranscriptItem,  # noqa: PLC0415
        )
        from ..models.get_conversation_log_by_id_response_200_data_turn_latency_metrics import (
            GetConversationLogByIdResponse200DataTurnLatencyMetrics,  # noqa: PLC0415
        )
        from ..models.get_conversation_log_by_id_response_200_data_variables import (
            GetConversationLogByIdResponse200DataVariables,  # noqa: PLC0415
        )
        from ..models.get_conversation_log_by_id_response_200_data_voice_config_used import (
            GetConversationLogByIdResponse200DataVoiceConfigUsed,  # noqa: PLC0415
        )

        d = dict(src_dict)
        field_id = d.pop("_id", UNSET)

        call_id = d.pop("callId", UNSET)

        _agent = d.pop("agent", UNSET)
        agent: AgentDTO | Unset
        if isinstance(_agent, Unset):
            agent = UNSET
        else:
            agent = AgentDTO.from_dict(_agent)

        _status = d.pop("status", UNSET)
        status: GetConversationLogByIdResponse200DataStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = GetConversationLogByIdResponse200DataStatus(_status)

        duration = d.pop("duration", UNSET)

        recording_url = d.pop("recordingUrl", UNSET)

        recording_dual_url = d.pop("recordingDualUrl", UNSET)

        from_ = d.pop("from", UNSET)

        to = d.pop("to", UNSET)

        _type_ = d.pop("type", UNSET)
        type_: GetConversationLogByIdResponse200DataType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = GetConversationLogByIdResponse200DataType(_type_)

        _transcript = d.pop("transcript", UNSET)
        transcript: list[GetConversationLogByIdResponse200DataTranscriptItem] | Unset = UNSET
        if _transcript is not UNSET:
            transcript = []
            for transcript_item_data in _transcript:
                transcript_item = GetConversationLogByIdResponse200DataTranscriptItem.from_dict(transcript_item_data)

                transcript.append(transcript_item)

        _variables = d.pop("variables", UNSET)
        variables: GetConversationLogByIdResponse200DataVariables | Unset
        if isinstance(_variables, Unset):
            variables = UNSET
        else:
            variables = GetConversationLogByIdResponse200DataVariables.from_dict(_variables)

        _events = d.pop("events", UNSET)
        events: list[GetConversationLogByIdResponse200DataEventsItem] | Unset = UNSET
        if _events is not UNSET:
            events = []
            for events_item_data in _events:
                events_item = GetConversationLogByIdResponse200DataEventsItem.from_dict(events_item_data)

                events.append(events_item)

        call_cost = d.pop("callCost", UNSET)

        call_failure_reason = d.pop("callFailureReason", UNSET)

        retry_call_id = d.pop("retryCallId", UNSET)

        _post_call_analytics = d.pop("postCallAnalytics", UNSET)
        post_call_analytics: GetConversationLogByIdResponse200DataPostCallAnalytics | Unset
        if isinstance(_post_call_analytics, Unset):
            post_call_analytics = UNSET
        else:
            post_call_analytics = GetConversationLogByIdResponse200DataPostCallAnalytics.from_dict(_post_call_analytics)

        _turn_latency_metrics = d.pop("turnLatencyMetrics", UNSET)
        turn_latency_metrics: GetConversationLogByIdResponse200DataTurnLatencyMetrics | Unset
        if isinstance(_turn_latency_metrics, Unset):
            turn_latency_metrics = UNSET
        else:
            turn_latency_metrics = GetConversationLogByIdResponse200DataTurnLatencyMetrics.from_dict(
                _turn_latency_metrics
            )

        _voice_config_used = d.pop("voiceConfigUsed", UNSET)
        voice_config_used: GetConversationLogByIdResponse200DataVoiceConfigUsed | Unset
        if isinstance(_voice_config_used, Unset):
            voice_config_used = UNSET
        else:
            voice_config_used = GetConversationLogByIdResponse200DataVoiceConfigUsed.from_dict(_voice_config_used)

        slm_model_used = d.pop("slmModelUsed", UNSET)

        get_conversation_log_by_id_response_200_data = cls(
            field_id=field_id,
            call_id=call_id,
            agent=agent,
            status=status,
            duration=duration,
            recording_url=recording_url,
            recording_dual_url=recording_dual_url,
            from_=from_,
            to=to,
            type_=type_,
            transcript=transcript,
            variables=variables,
            events=events,
            call_cost=call_cost,
            call_failure_reason=call_failure_reason,
            retry_call_id=retry_call_id,
            post_call_analytics=post_call_analytics,
            turn_latency_metrics=turn_latency_metrics,
            voice_config_used=voice_config_used,
            slm_model_used=slm_model_used,
        )

        get_conversation_log_by_id_response_200_data.additional_properties = d
        return get_conversation_log_by_id_response_200_data

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
