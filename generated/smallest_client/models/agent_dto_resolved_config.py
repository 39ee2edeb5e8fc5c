from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_dto_resolved_config_default_language import AgentDTOResolvedConfigDefaultLanguage
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agent_dto_resolved_config_denoising_config import AgentDTOResolvedConfigDenoisingConfig
    from ..models.agent_dto_resolved_config_language_switching import AgentDTOResolvedConfigLanguageSwitching
    from ..models.agent_dto_resolved_config_llm_idle_timeout_config import AgentDTOResolvedConfigLlmIdleTimeoutConfig
    from ..models.agent_dto_resolved_config_pre_call_api import AgentDTOResolvedConfigPreCallAPI
    from ..models.agent_dto_resolved_config_redaction_config import AgentDTOResolvedConfigRedactionConfig
    from ..models.agent_dto_resolved_config_session_timeout_config import AgentDTOResolvedConfigSessionTimeoutConfig
    from ..models.agent_dto_resolved_config_smart_turn_config import AgentDTOResolvedConfigSmartTurnConfig
    from ..models.agent_dto_resolved_config_voice_detection_config import AgentDTOResolvedConfigVoiceDetectionConfig
    from ..models.agent_dto_resolved_config_workflow_graph import AgentDTOResolvedConfigWorkflowGraph
    from ..models.post_call_analytics_config import PostCallAnalyticsConfig
    from ..models.tool import Tool


T = TypeVar("T", bound="AgentDTOResolvedConfig")


@_attrs_define
class AgentDTOResolvedConfig:
    """The resolved config of the target version, merged into a flat shape. Not returned in
    list responses (`GET /agent`). Only populated in single-agent responses
    (`GET /agent/{id}`) when the agent has a published, activated version.
    Can contain up to ~30 fields depending on which config sections are set.

        Attributes:
            prompt (str | Unset): Active version's single-prompt text.
            tools (list[Tool] | Unset): Active version's configured tools.
            post_call_analytics_config (PostCallAnalyticsConfig | Unset): Per-agent post-call analytics configuration.
                Evaluated after each call ends
                and surfaced in call logs under the `postCallAnalytics` field.
            call_disposition_config (str | Unset):
            model_name (str | Unset): LLM model name on the resolved version.
            transcriber_type (str | Unset): STT engine in use on the resolved version.
            default_language (AgentDTOResolvedConfigDefaultLanguage | Unset): Default language set on the resolved version.
            supported_languages (list[str] | Unset): Supported languages on the resolved version.
            language_switching (AgentDTOResolvedConfigLanguageSwitching | Unset): Language-switching configuration on the
                resolved version.
            first_message (str | Unset): Opening message on the resolved version.
            global_prompt (str | Unset): Global prompt on the resolved version (workflow_graph agents only).
            pre_call_api (AgentDTOResolvedConfigPreCallAPI | Unset): Pre-call API configuration on the resolved version.
            workflow_graph (AgentDTOResolvedConfigWorkflowGraph | Unset): Full node graph for workflow_graph agents. Null
                for single_prompt agents.
            mute_user_until_first_bot_response (bool | Unset):
            allow_interruptions (bool | Unset):
            voice_detection_config (AgentDTOResolvedConfigVoiceDetectionConfig | Unset):
            smart_turn_config (AgentDTOResolvedConfigSmartTurnConfig | Unset):
            background_sound (str | Unset):
            denoising_config (AgentDTOResolvedConfigDenoisingConfig | Unset):
            redaction_config (AgentDTOResolvedConfigRedactionConfig | Unset):
            llm_idle_timeout_config (AgentDTOResolvedConfigLlmIdleTimeoutConfig | Unset):
            session_timeout_config (AgentDTOResolvedConfigSessionTimeoutConfig | Unset):
    """

    prompt: str | Unset = UNSET
    tools: list[Tool] | Unset = UNSET
    post_call_analytics_config: PostCallAnalyticsConfig | Unset = UNSET
    call_disposition_config: str | Unset = UNSET
    model_name: str | Unset = UNSET
    transcriber_type: str | Unset = UNSET
    default_language: AgentDTOResolvedConfigDefaultLanguage | Unset = UNSET
    supported_languages: list[str] | Unset = UNSET
    language_switching: AgentDTOResolvedConfigLanguageSwitching | Unset = UNSET
    first_message: str | Unset = UNSET
    global_prompt: str | Unset = UNSET
    pre_call_api: AgentDTOResolvedConfigPreCallAPI | Unset = UNSET
    workflow_graph: AgentDTOResolvedConfigWorkflowGraph | Unset = UNSET
    mute_user_until_first_bot_response: bool | Unset = UNSET
    allow_interruptions: bool | Unset = UNSET
    voice_detection_config: AgentDTOResolvedConfigVoiceDetectionConfig | Unset = UNSET
    smart_turn_config: AgentDTOResolvedConfigSmartTurnConfig | Unset = UNSET
    background_sound: str | Unset = UNSET
    denoising_config: AgentDTOResolvedConfigDenoisingConfig | Unset = UNSET
    redaction_config: AgentDTOResolvedConfigRedactionConfig | Unset = UNSET
    llm_idle_timeout_config: AgentDTOResolvedConfigLlmIdleTimeoutConfig | Unset = UNSET
    session_timeout_config: AgentDTOResolvedConfigSessionTimeoutConfig | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        prompt = self.prompt

        tools: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tools, Unset):
            tools = []
            for tools_item_data in self.tools:
                tools_item = tools_item_data.to_dict()
                tools.append(tools_item)

        post_call_analytics_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.post_call_analytics_config, Unset):
            post_call_analytics_config = self.post_call_analytics_config.to_dict()

        call_disposition_config = self.call_disposition_config

        model_name = self.model_name

        transcriber_type = self.transcriber_type

        default_language: str | Unset = UNSET
        if not isinstance(self.default_language, Unset):
            default_language = self.default_language.value

        supported_languages: list[str] | Unset = UNSET
        if not isinstance(self.supported_languages, Unset):
            supported_languages = self.supported_languages

        language_switching: dict[str, Any] | Unset = UNSET
        if not isinstance(self.language_switching, Unset):
            language_switching = self.language_switching.to_dict()

        first_message = self.first_message

        global_prompt = self.global_prompt

        pre_call_api: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pre_call_api, Unset):
            pre_call_api = self.pre_call_api.to_dict()

        workflow_graph: dict[str, Any] | Unset = UNSET
        if not isinstance(self.workflow_graph, Unset):
            workflow_graph = self.workflow_graph.to_dict()

        mute_user_until_first_bot_response = self.mute_user_until_first_bot_response

        allow_interruptions = self.allow_interruptions

        voice_detection_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.voice_detection_config, Unset):
            voice_detection_config = self.voice_detection_config.to_dict()

        smart_turn_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.smart_turn_config, Unset):
            smart_turn_config = self.smart_turn_config.to_dict()

        background_sound = self.background_sound

        denoising_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.denoising_config, Unset):
            denoising_config = self.denoising_config.to_dict()

        redaction_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.redaction_config, Unset):
            redaction_config = self.redaction_config.to_dict()

        llm_idle_timeout_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.llm_idle_timeout_config, Unset):
            llm_idle_timeout_config = self.llm_idle_timeout_config.to_dict()

        session_timeout_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.session_timeout_config, Unset):
            session_timeout_config = self.session_timeout_config.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if tools is not UNSET:
            field_dict["tools"] = tools
        if post_call_analytics_config is not UNSET:
            field_dict["postCallAnalyticsConfig"] = post_call_analytics_config
        if call_disposition_config is not UNSET:
            field_dict["callDispositionConfig"] = call_disposition_config
        if model_name is not UNSET:
            field_dict["modelName"] = model_name
        if transcriber_type is not UNSET:
            field_dict["transcriberType"] = transcriber_type
        if default_language is not UNSET:
            field_dict["defaultLanguage"] = default_language
        if supported_languages is not UNSET:
            field_dict["supportedLanguages"] = supported_languages
        if language_switching is not UNSET:
            field_dict["languageSwitching"] = language_switching
        if first_message is not UNSET:
            field_dict["firstMessage"] = first_message
        if global_prompt is not UNSET:
            field_dict["globalPrompt"] = global_prompt
        if pre_call_api is not UNSET:
            field_dict["preCallAPI"] = pre_call_api
        if workflow_graph is not UNSET:
            field_dict["workflowGraph"] = workflow_graph
        if mute_user_until_first_bot_response is not UNSET:
            field_dict["muteUserUntilFirstBotResponse"] = mute_user_until_first_bot_response
        if allow_interruptions is not UNSET:
            field_dict["allowInterruptions"] = allow_interruptions
        if voice_detection_config is not UNSET:
            field_dict["voiceDetectionConfig"] = voice_detection_config
        if smart_turn_config is not UNSET:
            field_dict["smartTurnConfig"] = smart_turn_config
        if background_sound is not UNSET:
            field_dict["backgroundSound"] = background_sound
        if denoising_config is not UNSET:
            field_dict["denoisingConfig"] = denoising_config
        if redaction_config is not UNSET:
            field_dict["redactionConfig"] = redaction_config
        if llm_idle_timeout_config is not UNSET:
            field_dict["llmIdleTimeoutConfig"] = llm_idle_timeout_config
        if session_timeout_config is not UNSET:
            field_dict["sessionTimeoutConfig"] = session_timeout_config

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agent_dto_resolved_config_denoising_config import AgentDTOResolvedConfigDenoisingConfig  # noqa: PLC0415
        from ..models.agent_dto_resolved_config_language_switching import AgentDTOResolvedConfigLanguageSwitching  # noqa: PLC0415
        from ..models.agent_dto_resolved_config_llm_idle_timeout_config import (
            AgentDTOResolvedConfigLlmIdleTimeoutConfig,  # noqa: PLC0415
        )
        from ..models.agent_dto_resolved_config_pre_call_api import AgentDTOResolvedConfigPreCallAPI  # noqa: PLC0415
        from ..models.agent_dto_resolved_config_redaction_config import AgentDTOResolvedConfigRedactionConfig  # noqa: PLC0415
        from ..models.agent_dto_resolved_config_session_timeout_config import AgentDTOResolvedConfigSessionTimeoutConfig  # noqa: PLC0415
        from ..models.agent_dto_resolved_config_smart_turn_config import AgentDTOResolvedConfigSmartTurnConfig  # noqa: PLC0415
        from ..models.agent_dto_resolved_config_voice_detection_config import AgentDTOResolvedConfigVoiceDetectionConfig  # noqa: PLC0415
        from ..models.agent_dto_resolved_config_workflow_graph import AgentDTOResolvedConfigWorkflowGraph  # noqa: PLC0415
        from ..models.post_call_analytics_config import PostCallAnalyticsConfig  # noqa: PLC0415
        from ..models.tool import Tool  # noqa: PLC0415

        d = dict(src_dict)
        prompt = d.pop("prompt", UNSET)

        _tools = d.pop("tools", UNSET)
        tools: list[Tool] | Unset = UNSET
        if _tools is not UNSET:
            tools = []
            for tools_item_data in _tools:
                tools_item = Tool.from_dict(tools_item_data)

                tools.append(tools_item)

        _post_call_analytics_config = d.pop("postCallAnalyticsConfig", UNSET)
        post_call_analytics_config: PostCallAnalyticsConfig | Unset
        if isinstance(_post_call_analytics_config, Unset):
            post_call_analytics_config = UNSET
        else:
            post_call_analytics_config = PostCallAnalyticsConfig.from_dict(_post_call_analytics_config)

        call_disposition_config = d.pop("callDispositionConfig", UNSET)

        model_name = d.pop("modelName", UNSET)

        transcriber_type = d.pop("transcriberType", UNSET)

        _default_language = d.pop("defaultLanguage", UNSET)
        default_language: AgentDTOResolvedConfigDefaultLanguage | Unset
        if isinstance(_default_language, Unset):
            default_language = UNSET
        else:
            default_language = AgentDTOResolvedConfigDefaultLanguage(_default_language)

        supported_languages = cast(list[str], d.pop("supportedLanguages", UNSET))

        _language_switching = d.pop("languageSwitching", UNSET)
        language_switching: AgentDTOResolvedConfigLanguageSwitching | Unset
        if isinstance(_language_switching, Unset):
            language_switching = UNSET
        else:
            language_switching = AgentDTOResolvedConfigLanguageSwitching.from_dict(_language_switching)

        first_message = d.pop("firstMessage", UNSET)

        global_prompt = d.pop("globalPrompt", UNSET)

        _pre_call_api = d.pop("preCallAPI", UNSET)
        pre_call_api: AgentDTOResolvedConfigPreCallAPI | Unset
        if isinstance(_pre_call_api, Unset):
            pre_call_api = UNSET
        else:
            pre_call_api = AgentDTOResolvedConfigPreCallAPI.from_dict(_pre_call_api)

        _workflow_graph = d.pop("workflowGraph", UNSET)
        workflow_graph: AgentDTOResolvedConfigWorkflowGraph | Unset
        if isinstance(_workflow_graph, Unset):
            workflow_graph = UNSET
        else:
            workflow_graph = AgentDTOResolvedConfigWorkflowGraph.from_dict(_workflow_graph)

        mute_user_until_first_bot_response = d.pop("muteUserUntilFirstBotResponse", UNSET)

        allow_interruptions = d.pop("allowInterruptions", UNSET)

        _voice_detection_config = d.pop("voiceDetectionConfig", UNSET)
        voice_detection_config: AgentDTOResolvedConfigVoiceDetectionConfig | Unset
        if isinstance(_voice_detection_config, Unset):
            voice_detection_config = UNSET
        else:
            voice_detection_config = AgentDTOResolvedConfigVoiceDetectionConfig.from_dict(_voice_detection_config)

        _smart_turn_config = d.pop("smartTurnConfig", UNSET)
        smart_turn_config: AgentDTOResolvedConfigSmartTurnConfig | Unset
        if isinstance(_smart_turn_config, Unset):
            smart_turn_config = UNSET
        else:
            smart_turn_config = AgentDTOResolvedConfigSmartTurnConfig.from_dict(_smart_turn_config)

        background_sound = d.pop("backgroundSound", UNSET)

        _denoising_config = d.pop("denoisingConfig", UNSET)
        denoising_config: AgentDTOResolvedConfigDenoisingConfig | Unset
        if isinstance(_denoising_config, Unset):
            denoising_config = UNSET
        else:
            denoising_config = AgentDTOResolvedConfigDenoisingConfig.from_dict(_denoising_config)

        _redaction_config = d.pop("redactionConfig", UNSET)
        redaction_config: AgentDTOResolvedConfigRedactionConfig | Unset
        if isinstance(_redaction_config, Unset):
            redaction_config = UNSET
        else:
            redaction_config = AgentDTOResolvedConfigRedactionConfig.from_dict(_redaction_config)

        _llm_idle_timeout_config = d.pop("llmIdleTimeoutConfig", UNSET)
        llm_idle_timeout_config: AgentDTOResolvedConfigLlmIdleTimeoutConfig | Unset
        if isinstance(_llm_idle_timeout_config, Unset):
            llm_idle_timeout_config = UNSET
        else:
            llm_idle_timeout_config = AgentDTOResolvedConfigLlmIdleTimeoutConfig.from_dict(_llm_idle_timeout_config)

        _session_timeout_config = d.pop("sessionTimeoutConfig", UNSET)
        session_timeout_config: AgentDTOResolvedConfigSessionTimeoutConfig | Unset
        if isinstance(_session_timeout_config, Unset):
            session_timeout_config = UNSET
        else:
            session_timeout_config = AgentDTOResolvedConfigSessionTimeoutConfig.from_dict(_session_timeout_config)

        agent_dto_resolved_config = cls(
            prompt=prompt,
            tools=tools,
            post_call_analytics_config=post_call_analytics_config,
            call_disposition_config=call_disposition_config,
            model_name=model_name,
            transcriber_type=transcriber_type,
            default_language=default_language,
            supported_languages=supported_languages,
            language_switching=language_switching,
            first_message=first_message,
            global_prompt=global_prompt,
            pre_call_api=pre_call_api,
            workflow_graph=workflow_graph,
            mute_user_until_first_bot_response=mute_user_until_first_bot_response,
            allow_interruptions=allow_interruptions,
            voice_detection_config=voice_detection_config,
            smart_turn_config=smart_turn_config,
            background_sound=background_sound,
            denoising_config=denoising_config,
            redaction_config=redaction_config,
            llm_idle_timeout_config=llm_idle_timeout_config,
            session_timeout_config=session_timeout_config,
        )

        agent_dto_resolved_config.additional_properties = d
        return agent_dto_resolved_config

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
