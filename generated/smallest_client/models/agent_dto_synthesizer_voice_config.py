from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_dto_synthesizer_voice_config_gender import AgentDTOSynthesizerVoiceConfigGender
from ..models.agent_dto_synthesizer_voice_config_model import AgentDTOSynthesizerVoiceConfigModel
from ..types import UNSET, Unset

T = TypeVar("T", bound="AgentDTOSynthesizerVoiceConfig")


@_attrs_define
class AgentDTOSynthesizerVoiceConfig:
    """The voice configuration of the synthesizer

    Attributes:
        model (AgentDTOSynthesizerVoiceConfigModel | Unset): The TTS model of the synthesizer. Use
            `waves_lightning_v3_1`
            for the recommended Waves voice path (default), or
            `gpt-realtime` / `gpt-realtime-mini` for OpenAI realtime models.
             Default: AgentDTOSynthesizerVoiceConfigModel.WAVES_LIGHTNING_V3_1.
        voice_id (str | Unset): The voice ID of the synthesizer. Default: 'nyah'.
        gender (AgentDTOSynthesizerVoiceConfigGender | Unset):  Default: AgentDTOSynthesizerVoiceConfigGender.FEMALE.
    """

    model: AgentDTOSynthesizerVoiceConfigModel | Unset = AgentDTOSynthesizerVoiceConfigModel.WAVES_LIGHTNING_V3_1
    voice_id: str | Unset = "nyah"
    gender: AgentDTOSynthesizerVoiceConfigGender | Unset = AgentDTOSynthesizerVoiceConfigGender.FEMALE
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model: str | Unset = UNSET
        if not isinstance(self.model, Unset):
            model = self.model.value

        voice_id = self.voice_id

        gender: str | Unset = UNSET
        if not isinstance(self.gender, Unset):
            gender = self.gender.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if model is not UNSET:
            field_dict["model"] = model
        if voice_id is not UNSET:
            field_dict["voiceId"] = voice_id
        if gender is not UNSET:
            field_dict["gender"] = gender

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _model = d.pop("model", UNSET)
        model: AgentDTOSynthesizerVoiceConfigModel | Unset
        if isinstance(_model, Unset):
            model = UNSET
        else:
            model = AgentDTOSynthesizerVoiceConfigModel(_model)

        voice_id = d.pop("voiceId", UNSET)

        _gender = d.pop("gender", UNSET)
        gender: AgentDTOSynthesizerVoiceConfigGender | Unset
        if isinstance(_gender, Unset):
            gender = UNSET
        else:
            gender = AgentDTOSynthesizerVoiceConfigGender(_gender)

        agent_dto_synthesizer_voice_config = cls(
            model=model,
            voice_id=voice_id,
            gender=gender,
        )

        agent_dto_synthesizer_voice_config.additional_properties = d
        return agent_dto_synthesizer_voice_config

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
