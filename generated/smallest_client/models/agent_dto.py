from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_dto_background_sound import AgentDTOBackgroundSound
from ..models.agent_dto_config_source import AgentDTOConfigSource
from ..models.agent_dto_slm_model import AgentDTOSlmModel
from ..models.workflow_type import WorkflowType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agent_dto_default_variables import AgentDTODefaultVariables
    from ..models.agent_dto_denoising_config import AgentDTODenoisingConfig
    from ..models.agent_dto_language import AgentDTOLanguage
    from ..models.agent_dto_llm_idle_timeout_config import AgentDTOLlmIdleTimeoutConfig
    from ..models.agent_dto_pre_call_api import AgentDTOPreCallAPI
    from ..models.agent_dto_pronunciation_dicts_item import AgentDTOPronunciationDictsItem
    from ..models.agent_dto_redaction_config import AgentDTORedactionConfig
    from ..models.agent_dto_resolved_config import AgentDTOResolvedConfig
    from ..models.agent_dto_session_timeout_config import AgentDTOSessionTimeoutConfig
    from ..models.agent_dto_smart_turn_config import AgentDTOSmartTurnConfig
    from ..models.agent_dto_synthesizer import AgentDTOSynthesizer
    from ..models.agent_dto_timezone import AgentDTOTimezone
    from ..models.agent_dto_versioned_workflow import AgentDTOVersionedWorkflow
    from ..models.agent_dto_voice_detection_config import AgentDTOVoiceDetectionConfig
    from ..models.agent_dto_voice_mail_detection_config import AgentDTOVoiceMailDetectionConfig
    from ..models.agent_dto_widget_config import AgentDTOWidgetConfig
    from ..models.post_call_analytics_config import PostCallAnalyticsConfig


T = TypeVar("T", bound="AgentDTO")


@_attrs_define
class AgentDTO:
    """
    Attributes:
        field_id (str | Unset): The ID of the agent
        name (str | Unset): The name of the agent
        description (str | Unset): The description of the agent
        background_sound (AgentDTOBackgroundSound | Unset): Ambient background sound during calls. Options: '' (none),
            'office', 'cafe', 'call_center', 'static'.
        organization (str | Unset): The organization ID of the agent
        workflow_id (str | Unset): The workflow ID of the agent
        workflow_type (WorkflowType | Unset): The type of workflow configuration. workflow_graph uses a node-based
            visual workflow, single_prompt uses a simple prompt-based configuration.
        created_by (str | Unset): The user ID of the user who created the agent
        global_knowledge_base_id (str | Unset): The global knowledge base ID of the agent
        language (AgentDTOLanguage | Unset): The language configuration of the agent
        synthesizer (AgentDTOSynthesizer | Unset): The synthesizer (TTS) configuration of the agent
        slm_model (AgentDTOSlmModel | Unset): The LLM model to use for the agent. LLM model will be used to generate the
            response and take decisions based on the user's query.
        default_variables (AgentDTODefaultVariables | Unset): The default variables to use for the agent. These
            variables will be used if no variables are provided when initiating a conversation with the agent.
        pre_call_api (AgentDTOPreCallAPI | Unset): Configuration for an API call to be made before the call starts. The
            response variables can be injected into the agent's prompt.
        created_at (datetime.datetime | Unset): The date and time when the agent was created
        updated_at (datetime.datetime | Unset): The date and time when the agent was last updated
        avatar_url (str | Unset): URL of the agent's avatar image
        first_message (str | Unset): The opening message spoken by the agent at the start of a call
        allow_interruptions (bool | Unset): Whether the agent can be interrupted mid-speech by the caller
        wait_for_user_to_speak_first (bool | Unset): When true, the agent waits for the caller to speak before
            responding
        total_calls (float | Unset): Total number of calls made with this agent
        transcriber_type (str | Unset): The speech-to-text engine used for transcription
        global_prompt (str | Unset): A global system prompt prepended to all agent interactions
        archived (bool | Unset): Whether the agent has been archived. Archived agents are excluded from default
            listings.
        archived_at (datetime.datetime | Unset): The date and time when the agent was archived
        active_version_id (str | Unset): ID of the currently-active published version. Matches `versionId`.
        version_id (str | Unset): Alias for `activeVersionId`.
        allow_inbound_call (bool | Unset): Whether the agent accepts inbound calls. Default: True.
        phone_number (list[str] | Unset): Phone numbers attached to this agent (E.164 strings). Only present when
            the agent has been linked to one or more telephony products.
        visible_to_everyone (bool | Unset): Whether the agent is visible to all members of the organization (vs. only
            the creator). Default: False.
        speech_formatting (bool | Unset): Apply LLM-side speech formatting (e.g. expanding "$100" to "one hundred
            dollars")
            before passing text to the synthesizer. Boolean; no default — when unset the
            platform applies the per-organization default.
        mute_user_until_first_bot_response (bool | Unset): When true, the user microphone is muted until the agent has
            spoken its first response. Default: False.
        interruption_backoff_timer (float | Unset): Seconds to wait after an interruption before the agent resumes
            speaking.
        enable_style_guide (bool | Unset): Whether to apply the platform's style-guide post-processing on agent
            responses. Default: True.
        call_disposition_config (str | Unset): Free-form prompt used for call disposition classification (separate from
            `postCallAnalyticsConfig.dispositionMetrics`). Default: ''.
        voice_mail_detection_config (AgentDTOVoiceMailDetectionConfig | Unset): Voicemail detection settings.
        smart_turn_config (AgentDTOSmartTurnConfig | Unset): Smart end-of-turn detection settings.
        voice_detection_config (AgentDTOVoiceDetectionConfig | Unset): VAD (voice activity detection) tuning.
        denoising_config (AgentDTODenoisingConfig | Unset): Audio denoising settings.
        redaction_config (AgentDTORedactionConfig | Unset): PII/PCI redaction settings applied to transcripts.
        pronunciation_dicts (list[AgentDTOPronunciationDictsItem] | Unset): Custom pronunciation dictionary applied
            before synthesis.
        llm_idle_timeout_config (AgentDTOLlmIdleTimeoutConfig | Unset): Per-channel idle timeouts (seconds) after which
            the LLM is nudged when the user
            stops speaking. `maxRetries` bounds how many nudges before the call ends.
        session_timeout_config (AgentDTOSessionTimeoutConfig | Unset): Maximum session duration before the call is
            automatically ended.
        timezone (AgentDTOTimezone | Unset): Agent timezone — used for time-of-day-sensitive prompts and analytics
            bucketing.
        post_call_analytics_config (PostCallAnalyticsConfig | Unset): Per-agent post-call analytics configuration.
            Evaluated after each call ends
            and surfaced in call logs under the `postCallAnalytics` field.
        widget_config (AgentDTOWidgetConfig | Unset): Chat-widget rendering configuration (theme, copy, consent prompt).
            Only relevant
            when the agent is exposed via the embeddable widget; ignored by voice-only agents.
        field_resolved_config (AgentDTOResolvedConfig | Unset): The resolved config of the target version, merged into a
            flat shape. Not returned in
            list responses (`GET /agent`). Only populated in single-agent responses
            (`GET /agent/{id}`) when the agent has a published, activated version.
            Can contain up to ~30 fields depending on which config sections are set.
        field_config_source (AgentDTOConfigSource | Unset): Only present when `?draftId` or `?versionId` query params
            are used.
            Indicates which config source was resolved into `_resolvedConfig`.
        field_versioned_workflow (AgentDTOVersionedWorkflow | Unset): **Deprecated — internal use only.** Legacy field
            present whenever `_resolvedConfig` is populated.
            Mirrors a subset of `_resolvedConfig` (`prompt`, `tools`, `workflowGraph`). Kept for backward
            compatibility with existing frontend code. Ignore in new integrations.
    """

    field_id: str | Unset = UNSET
    name: str | Unset = UNSET
    description: str | Unset = UNSET
    background_sound: AgentDTOBackgroundSound | Unset = UNSET
    organization: str | Unset = UNSET
    workflow_id: str | Unset = UNSET
    workflow_type: WorkflowType | Unset = UNSET
    created_by: str | Unset = UNSET
    global_knowledge_base_id: str | Unset = UNSET
    language: AgentDTOLanguage | Unset = UNSET
    synthesizer: AgentDTOSynthesizer | Unset = UNSET
    slm_model: AgentDTOSlmModel | Unset = UNSET
    default_variables: AgentDTODefaultVariables | Unset = UNSET
    pre_call_api: AgentDTOPreCallAPI | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    avatar_url: str | Unset = UNSET
    first_message: str | Unset = UNSET
    allow_interruptions: bool | Unset = UNSET
    wait_for_user_to_speak_first: bool | Unset = UNSET
    total_calls: float | Unset = UNSET
    transcriber_type: str | Unset = UNSET
    global_prompt: str | Unset = UNSET
    archived: bool | Unset = UNSET
    archived_at: datetime.datetime | Unset = UNSET
    active_version_id: str | Unset = UNSET
    version_id: str | Unset = UNSET
    allow_inbound_call: bool | Unset = True
    phone_number: list[str] | Unset = UNSET
    visible_to_everyone: bool | Unset = False
    speech_formatting: bool | Unset = UNSET
    mute_user_until_first_bot_response: bool | Unset = False
    interruption_backoff_timer: float | Unset = UNSET
    enable_style_guide: bool | Unset = True
    call_disposition_config: str | Unset = ""
    voice_mail_detection_config: AgentDTOVoiceMailDetectionConfig | Unset = UNSET
    smart_turn_config: AgentDTOSmartTurnConfig | Unset = UNSET
    voice_detection_config: AgentDTOVoiceDetectionConfig | Unset = UNSET
    denoising_config: AgentDTODenoisingConfig | Unset = UNSET
    redaction_config: AgentDTORedactionConfig | Unset = UNSET
    pronunciation_dicts: list[AgentDTOPronunciationDictsItem] | Unset = UNSET
    llm_idle_timeout_config: AgentDTOLlmIdleTimeoutConfig | Unset = UNSET
    session_timeout_config: AgentDTOSessionTimeoutConfig | Unset = UNSET
    timezone: AgentDTOTimezone | Unset = UNSET
    post_call_analytics_config: PostCallAnalyticsConfig | Unset = UNSET
    widget_config: AgentDTOWidgetConfig | Unset = UNSET
    field_resolved_config: AgentDTOResolvedConfig | Unset = UNSET
    field_config_source: AgentDTOConfigSource | Unset = UNSET
    field_versioned_workflow: AgentDTOVersionedWorkflow | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_id = self.field_id

        name = self.name

        description = self.description

        background_sound: str | Unset = UNSET
        if not isinstance(self.background_sound, Unset):
            background_sound = self.background_sound.value

        organization = self.organization

        workflow_id = self.workflow_id

        workflow_type: str | Unset = UNSET
        if not isinstance(self.workflow_type, Unset):
            workflow_type = self.workflow_type.value

        created_by = self.created_by

        global_knowledge_base_id = self.global_knowledge_base_id

        language: dict[str, Any] | Unset = UNSET
        if not isinstance(self.language, Unset):
            language = self.language.to_dict()

        synthesizer: dict[str, Any] | Unset = UNSET
        if not isinstance(self.synthesizer, Unset):
            synthesizer = self.synthesizer.to_dict()

        slm_model: str | Unset = UNSET
        if not isinstance(self.slm_model, Unset):
            slm_model = self.slm_model.value

        default_variables: dict[str, Any] | Unset = UNSET
        if not isinstance(self.default_variables, Unset):
            default_variables = self.default_variables.to_dict()

        pre_call_api: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pre_call_api, Unset):
            pre_call_api = self.pre_call_api.to_dict()

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        avatar_url = self.avatar_url

        first_message = self.first_message

        allow_interruptions = self.allow_interruptions

        wait_for_user_to_speak_first = self.wait_for_user_to_speak_first

        total_calls = self.total_calls

        transcriber_type = self.transcriber_type

        global_prompt = self.global_prompt

        archived = self.archived

        archived_at: str | Unset = UNSET
        if not isinstance(self.archived_at, Unset):
            archived_at = self.archived_at.isoformat()

        active_version_id = self.active_version_id

        version_id = self.version_id

        allow_inbound_call = self.allow_inbound_call

        phone_number: list[str] | Unset = UNSET
        if not isinstance(self.phone_number, Unset):
            phone_number = self.phone_number

        visible_to_everyone = self.visible_to_everyone

        speech_formatting = self.speech_formatting

        mute_user_until_first_bot_response = self.mute_user_until_first_bot_response

        interruption_backoff_timer = self.interruption_backoff_timer

        enable_style_guide = self.enable_style_guide

        call_disposition_config = self.call_disposition_config

        voice_mail_detection_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.voice_mail_detection_config, Unset):
            voice_mail_detection_config = self.voice_mail_detection_config.to_dict()

        smart_turn_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.smart_turn_config, Unset):
            smart_turn_config = self.smart_turn_config.to_dict()

        voice_detection_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.voice_detection_config, Unset):
            voice_detection_config = self.voice_detection_config.to_dict()

        denoising_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.denoising_config, Unset):
            denoising_config = self.denoising_config.to_dict()

        redaction_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.redaction_config, Unset):
            redaction_config = self.redaction_config.to_dict()

        pronunciation_dicts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.pronunciation_dicts, Unset):
            pronunciation_dicts = []
            for pronunciation_dicts_item_data in self.pronunciation_dicts:
                pronunciation_dicts_item = pronunciation_dicts_item_data.to_dict()
                pronunciation_dicts.append(pronunciation_dicts_item)

        llm_idle_timeout_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.llm_idle_timeout_config, Unset):
            llm_idle_timeout_config = self.llm_idle_timeout_config.to_dict()

        session_timeout_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.session_timeout_config, Unset):
            session_timeout_config = self.session_timeout_config.to_dict()

        timezone: dict[str, Any] | Unset = UNSET
        if not isinstance(self.timezone, Unset):
            timezone = self.timezone.to_dict()

        post_call_analytics_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.post_call_analytics_config, Unset):
            post_call_analytics_config = self.post_call_analytics_config.to_dict()

        widget_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.widget_config, Unset):
            widget_config = self.widget_config.to_dict()

        field_resolved_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.field_resolved_config, Unset):
            field_resolved_config = self.field_resolved_config.to_dict()

        field_config_source: str | Unset = UNSET
        if not isinstance(self.field_config_source, Unset):
            field_config_source = self.field_config_source.value

        field_versioned_workflow: dict[str, Any] | Unset = UNSET
        if not isinstance(self.field_versioned_workflow, Unset):
            field_versioned_workflow = self.field_versioned_workflow.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if field_id is not UNSET:
            field_dict["_id"] = field_id
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if background_sound is not UNSET:
            field_dict["backgroundSound"] = background_sound
        if organization is not UNSET:
            field_dict["organization"] = organization
        if workflow_id is not UNSET:
            field_dict["workflowId"] = workflow_id
        if workflow_type is not UNSET:
            field_dict["workflowType"] = workflow_type
        if created_by is not UNSET:
            field_dict["createdBy"] = created_by
        if global_knowledge_base_id is not UNSET:
            field_dict["globalKnowledgeBaseId"] = global_knowledge_base_id
        if language is not UNSET:
            field_dict["language"] = language
        if synthesizer is not UNSET:
            field_dict["synthesizer"] = synthesizer
        if slm_model is not UNSET:
            field_dict["slmModel"] = slm_model
        if default_variables is not UNSET:
            field_dict["defaultVariables"] = default_variables
        if pre_call_api is not UNSET:
            field_dict["preCallAPI"] = pre_call_api
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if updated_at is not UNSET:
            field_dict["updatedAt"] = updated_at
        if avatar_url is not UNSET:
            field_dict["avatarUrl"] = avatar_url
        if first_message is not UNSET:
            field_dict["firstMessage"] = first_message
        if allow_interruptions is not UNSET:
            field_dict["allowInterruptions"] = allow_interruptions
        if wait_for_user_to_speak_first is not UNSET:
            field_dict["waitForUserToSpeakFirst"] = wait_for_user_to_speak_first
        if total_calls is not UNSET:
            field_dict["totalCalls"] = total_calls
        if transcriber_type is not UNSET:
            field_dict["transcriberType"] = transcriber_type
        if global_prompt is not UNSET:
            field_dict["globalPrompt"] = global_prompt
        if archived is not UNSET:
            field_dict["archived"] = archived
        if archived_at is not UNSET:
            field_dict["archivedAt"] = archived_at
        if active_version_id is not UNSET:
            field_dict["activeVersionId"] = active_version_id
        if version_id is not UNSET:
            field_dict["versionId"] = version_id
        if allow_inbound_call is not UNSET:
            field_dict["allowInboundCall"] = allow_inbound_call
        if phone_number is not UNSET:
            field_dict["phoneNumber"] = phone_number
        if visible_to_everyone is not UNSET:
            field_dict["visibleToEveryone"] = visible_to_everyone
        if speech_formatting is not UNSET:
            field_dict["speechFormatting"] = speech_formatting
        if mute_user_until_first_bot_response is not UNSET:
            field_dict["muteUserUntilFirstBotResponse"] = mute_user_until_first_bot_response
        if interruption_backoff_timer is not UNSET:
            field_dict["interruptionBackoffTimer"] = interruption_backoff_timer
        if enable_style_guide is not UNSET:
            field_dict["enableStyleGuide"] = enable_style_guide
        if call_disposition_config is not UNSET:
            field_dict["callDispositionConfig"] = call_disposition_config
        if voice_mail_detection_config is not UNSET:
            field_dict["voiceMailDetectionConfig"] = voice_mail_detection_config
        if smart_turn_config is not UNSET:
            field_dict["smartTurnConfig"] = smart_turn_config
        if voice_detection_config is not UNSET:
            field_dict["voiceDetectionConfig"] = voice_detection_config
        if denoising_config is not UNSET:
            field_dict["denoisingConfig"] = denoising_config
        if redaction_config is not UNSET:
            field_dict["redactionConfig"] = redaction_config
        if pronunciation_dicts is not UNSET:
            field_dict["pronunciationDicts"] = pronunciation_dicts
        if llm_idle_timeout_config is not UNSET:
            field_dict["llmIdleTimeoutConfig"] = llm_idle_timeout_config
        if session_timeout_config is not UNSET:
            field_dict["sessionTimeoutConfig"] = session_timeout_config
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if post_call_analytics_config is not UNSET:
            field_dict["postCallAnalyticsConfig"] = post_call_analytics_config
        if widget_config is not UNSET:
            field_dict["widgetConfig"] = widget_config
        if field_resolved_config is not UNSET:
            field_dict["_resolvedConfig"] = field_resolved_config
        if field_config_source is not UNSET:
            field_dict["_configSource"] = field_config_source
        if field_versioned_workflow is not UNSET:
            field_dict["_versionedWorkflow"] = field_versioned_workflow

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agent_dto_default_variables import AgentDTODefaultVariables  # noqa: PLC0415
        from ..models.agent_dto_denoising_config import AgentDTODenoisingConfig  # noqa: PLC0415
        from ..models.agent_dto_language import AgentDTOLanguage  # noqa: PLC0415
        from ..models.agent_dto_llm_idle_timeout_config import AgentDTOLlmIdleTimeoutConfig  # noqa: PLC0415
        from ..models.agent_dto_pre_call_api import AgentDTOPreCallAPI  # noqa: PLC0415
        from ..models.agent_dto_pronunciation_dicts_item import AgentDTOPronunciationDictsItem  # noqa: PLC0415
        from ..models.agent_dto_redaction_config import AgentDTORedactionConfig  # noqa: PLC0415
        from ..models.agent_dto_resolved_config import AgentDTOResolvedConfig  # noqa: PLC0415
        from ..models.agent_dto_session_timeout_config import AgentDTOSessionTimeoutConfig  # noqa: PLC0415
        from ..models.agent_dto_smart_turn_config import AgentDTOSmartTurnConfig  # noqa: PLC0415
        from ..models.agent_dto_synthesizer import AgentDTOSynthesizer  # noqa: PLC0415
        from ..models.agent_dto_timezone import AgentDTOTimezone  # noqa: PLC0415
        from ..models.agent_dto_versioned_workflow import AgentDTOVersionedWorkflow  # noqa: PLC0415
        from ..models.agent_dto_voice_detection_config import AgentDTOVoiceDetectionConfig  # noqa: PLC0415
        from ..models.agent_dto_voice_mail_detection_config import AgentDTOVoiceMailDetectionConfig  # noqa: PLC0415
        from ..models.agent_dto_widget_config import AgentDTOWidgetConfig  # noqa: PLC0415
        from ..models.post_call_analytics_config import PostCallAnalyticsConfig  # noqa: PLC0415

        d = dict(src_dict)
        field_id = d.pop("_id", UNSET)

        name = d.pop("name", UNSET)

        description = d.pop("description", UNSET)

        _background_sound = d.pop("backgroundSound", UNSET)
        background_sound: AgentDTOBackgroundSound | Unset
        if isinstance(_background_sound, Unset):
            background_sound = UNSET
        else:
            background_sound = AgentDTOBackgroundSound(_background_sound)

        organization = d.pop("organization", UNSET)

        workflow_id = d.pop("workflowId", UNSET)

        _workflow_type = d.pop("workflowType", UNSET)
        workflow_type: WorkflowType | Unset
        if isinstance(_workflow_type, Unset):
            workflow_type = UNSET
        else:
            workflow_type = WorkflowType(_workflow_type)

        created_by = d.pop("createdBy", UNSET)

        global_knowledge_base_id = d.pop("globalKnowledgeBaseId", UNSET)

        _language = d.pop("language", UNSET)
        language: AgentDTOLanguage | Unset
        if isinstance(_language, Unset):
            language = UNSET
        else:
            language = AgentDTOLanguage.from_dict(_language)

        _synthesizer = d.pop("synthesizer", UNSET)
        synthesizer: AgentDTOSynthesizer | Unset
        if isinstance(_synthesizer, Unset):
            synthesizer = UNSET
        else:
            synthesizer = AgentDTOSynthesizer.from_dict(_synthesizer)

        _slm_model = d.pop("slmModel", UNSET)
        slm_model: AgentDTOSlmModel | Unset
        if isinstance(_slm_model, Unset):
            slm_model = UNSET
        else:
            slm_model = AgentDTOSlmModel(_slm_model)

        _default_variables = d.pop("defaultVariables", UNSET)
        default_variables: AgentDTODefaultVariables | Unset
        if isinstance(_default_variables, Unset):
            default_variables = UNSET
        else:
            default_variables = AgentDTODefaultVariables.from_dict(_default_variables)

        _pre_call_api = d.pop("preCallAPI", UNSET)
        pre_call_api: AgentDTOPreCallAPI | Unset
        if isinstance(_pre_call_api, Unset):
            pre_call_api = UNSET
        else:
            pre_call_api = AgentDTOPreCallAPI.from_dict(_pre_call_api)

        _created_at = d.pop("createdAt", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        _updated_at = d.pop("updatedAt", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        avatar_url = d.pop("avatarUrl", UNSET)

        first_message = d.pop("firstMessage", UNSET)

        allow_interruptions = d.pop("allowInterruptions", UNSET)

        wait_for_user_to_speak_first = d.pop("waitForUserToSpeakFirst", UNSET)

        total_calls = d.pop("totalCalls", UNSET)

        transcriber_type = d.pop("transcriberType", UNSET)

        global_prompt = d.pop("globalPrompt", UNSET)

        archived = d.pop("archived", UNSET)

        _archived_at = d.pop("archivedAt", UNSET)
        archived_at: datetime.datetime | Unset
        if isinstance(_archived_at, Unset):
            archived_at = UNSET
        else:
            archived_at = datetime.datetime.fromisoformat(_archived_at)

        active_version_id = d.pop("activeVersionId", UNSET)

        version_id = d.pop("versionId", UNSET)

        allow_inbound_call = d.pop("allowInboundCall", UNSET)

        phone_number = cast(list[str], d.pop("phoneNumber", UNSET))

        visible_to_everyone = d.pop("visibleToEveryone", UNSET)

        speech_formatting = d.pop("speechFormatting", UNSET)

        mute_user_until_first_bot_response = d.pop("muteUserUntilFirstBotResponse", UNSET)

        interruption_backoff_timer = d.pop("interruptionBackoffTimer", UNSET)

        enable_style_guide = d.pop("enableStyleGuide", UNSET)

        call_disposition_config = d.pop("callDispositionConfig", UNSET)

        _voice_mail_detection_config = d.pop("voiceMailDetectionConfig", UNSET)
        voice_mail_detection_config: AgentDTOVoiceMailDetectionConfig | Unset
        if isinstance(_voice_mail_detection_config, Unset):
            voice_mail_detection_config = UNSET
        else:
            voice_mail_detection_config = AgentDTOVoiceMailDetectionConfig.from_dict(_voice_mail_detection_config)

        _smart_turn_config = d.pop("smartTurnConfig", UNSET)
        smart_turn_config: AgentDTOSmartTurnConfig | Unset
        if isinstance(_smart_turn_config, Unset):
            smart_turn_config = UNSET
        else:
            smart_turn_config = AgentDTOSmartTurnConfig.from_dict(_smart_turn_config)

        _voice_detection_config = d.pop("voiceDetectionConfig", UNSET)
        voice_detection_config: AgentDTOVoiceDetectionConfig | Unset
        if isinstance(_voice_detection_config, Unset):
            voice_detection_config = UNSET
        else:
            voice_detection_config = AgentDTOVoiceDetectionConfig.from_dict(_voice_detection_config)

        _denoising_config = d.pop("denoisingConfig", UNSET)
        denoising_config: AgentDTODenoisingConfig | Unset
        if isinstance(_denoising_config, Unset):
            denoising_config = UNSET
        else:
            denoising_config = AgentDTODenoisingConfig.from_dict(_denoising_config)

        _redaction_config = d.pop("redactionConfig", UNSET)
        redaction_config: AgentDTORedactionConfig | Unset
        if isinstance(_redaction_config, Unset):
            redaction_config = UNSET
        else:
            redaction_config = AgentDTORedactionConfig.from_dict(_redaction_config)

        _pronunciation_dicts = d.pop("pronunciationDicts", UNSET)
        pronunciation_dicts: list[AgentDTOPronunciationDictsItem] | Unset = UNSET
        if _pronunciation_dicts is not UNSET:
            pronunciation_dicts = []
            for pronunciation_dicts_item_data in _pronunciation_dicts:
                pronunciation_dicts_item = AgentDTOPronunciationDictsItem.from_dict(pronunciation_dicts_item_data)

                pronunciation_dicts.append(pronunciation_dicts_item)

        _llm_idle_timeout_config = d.pop("llmIdleTimeoutConfig", UNSET)
        llm_idle_timeout_config: AgentDTOLlmIdleTimeoutConfig | Unset
        if isinstance(_llm_idle_timeout_config, Unset):
            llm_idle_timeout_config = UNSET
        else:
            llm_idle_timeout_config = AgentDTOLlmIdleTimeoutConfig.from_dict(_llm_idle_timeout_config)

        _session_timeout_config = d.pop("sessionTimeoutConfig", UNSET)
        session_timeout_config: AgentDTOSessionTimeoutConfig | Unset
        if isinstance(_session_timeout_config, Unset):
            session_timeout_config = UNSET
        else:
            session_timeout_config = AgentDTOSessionTimeoutConfig.from_dict(_session_timeout_config)

        _timezone = d.pop("timezone", UNSET)
        timezone: AgentDTOTimezone | Unset
        if isinstance(_timezone, Unset):
            timezone = UNSET
        else:
            timezone = AgentDTOTimezone.from_dict(_timezone)

        _post_call_analytics_config = d.pop("postCallAnalyticsConfig", UNSET)
        post_call_analytics_config: PostCallAnalyticsConfig | Unset
        if isinstance(_post_call_analytics_config, Unset):
            post_call_analytics_config = UNSET
        else:
            post_call_analytics_config = PostCallAnalyticsConfig.from_dict(_post_call_analytics_config)

        _widget_config = d.pop("widgetConfig", UNSET)
        widget_config: AgentDTOWidgetConfig | Unset
        if isinstance(_widget_config, Unset):
            widget_config = UNSET
        else:
            widget_config = AgentDTOWidgetConfig.from_dict(_widget_config)

        _field_resolved_config = d.pop("_resolvedConfig", UNSET)
        field_resolved_config: AgentDTOResolvedConfig | Unset
        if isinstance(_field_resolved_config, Unset):
            field_resolved_config = UNSET
        else:
            field_resolved_config = AgentDTOResolvedConfig.from_dict(_field_resolved_config)

        _field_config_source = d.pop("_configSource", UNSET)
        field_config_source: AgentDTOConfigSource | Unset
        if isinstance(_field_config_source, Unset):
            field_config_source = UNSET
        else:
            field_config_source = AgentDTOConfigSource(_field_config_source)

        _field_versioned_workflow = d.pop("_versionedWorkflow", UNSET)
        field_versioned_workflow: AgentDTOVersionedWorkflow | Unset
        if isinstance(_field_versioned_workflow, Unset):
            field_versioned_workflow = UNSET
        else:
            field_versioned_workflow = AgentDTOVersionedWorkflow.from_dict(_field_versioned_workflow)

        agent_dto = cls(
            field_id=field_id,
            name=name,
            description=description,
            background_sound=background_sound,
            organization=organization,
            workflow_id=workflow_id,
            workflow_type=workflow_type,
            created_by=created_by,
            global_knowledge_base_id=global_knowledge_base_id,
            language=language,
            synthesizer=synthesizer,
            slm_model=slm_model,
            default_variables=default_variables,
            pre_call_api=pre_call_api,
            created_at=created_at,
            updated_at=updated_at,
            avatar_url=avatar_url,
            first_message=first_message,
            allow_interruptions=allow_interruptions,
            wait_for_user_to_speak_first=wait_for_user_to_speak_first,
            total_calls=total_calls,
            transcriber_type=transcriber_type,
            global_prompt=global_prompt,
            archived=archived,
            archived_at=archived_at,
            active_version_id=active_version_id,
            version_id=version_id,
            allow_inbound_call=allow_inbound_call,
            phone_number=phone_number,
            visible_to_everyone=visible_to_everyone,
            speech_formatting=speech_formatting,
            mute_user_until_first_bot_response=mute_user_until_first_bot_response,
            interruption_backoff_timer=interruption_backoff_timer,
            enable_style_guide=enable_style_guide,
            call_disposition_config=call_disposition_config,
            voice_mail_detection_config=voice_mail_detection_config,
            smart_turn_config=smart_turn_config,
            voice_detection_config=voice_detection_config,
            denoising_config=denoising_config,
            redaction_config=redaction_config,
            pronunciation_dicts=pronunciation_dicts,
            llm_idle_timeout_config=llm_idle_timeout_config,
            session_timeout_config=session_timeout_config,
            timezone=timezone,
            post_call_analytics_config=post_call_analytics_config,
            widget_config=widget_config,
            field_resolved_config=field_resolved_config,
            field_config_source=field_config_source,
            field_versioned_workflow=field_versioned_workflow,
        )

        agent_dto.additional_properties = d
        return agent_dto

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
