from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agent_dto_synthesizer_voice_config import AgentDTOSynthesizerVoiceConfig


T = TypeVar("T", bound="AgentDTOSynthesizer")


@_attrs_define
class AgentDTOSynthesizer:
    """The synthesizer (TTS) configuration of the agent

    Attributes:
        voice_config (AgentDTOSynthesizerVoiceConfig | Unset): The voice configuration of the synthesizer
        speed (float | Unset): The speed of the synthesizer Default: 1.2.
        consistency (float | Unset): The consistency of the synthesizer Default: 0.5.
        similarity (float | Unset): The similarity of the synthesizer Default: 0.0.
        enhancement (float | Unset): The enhancement of the synthesizer Default: 1.0.
        sample_rate (float | Unset): The audio sample rate used by the synthesizer
    """

    voice_config: AgentDTOSynthesizerVoiceConfig | Unset = UNSET
    speed: float | Unset = 1.2
    consistency: float | Unset = 0.5
    similarity: float | Unset = 0.0
    enhancement: float | Unset = 1.0
    sample_rate: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        voice_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.voice_config, Unset):
            voice_config = self.voice_config.to_dict()

        speed = self.speed

        consistency = self.consistency

        similarity = self.similarity

        enhancement = self.enhancement

        sample_rate = self.sample_rate

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if voice_config is not UNSET:
            field_dict["voiceConfig"] = voice_config
        if speed is not UNSET:
            field_dict["speed"] = speed
        if consistency is not UNSET:
            field_dict["consistency"] = consistency
        if similarity is not UNSET:
            field_dict["similarity"] = similarity
        if enhancement is not UNSET:
            field_dict["enhancement"] = enhancement
        if sample_rate is not UNSET:
            field_dict["sampleRate"] = sample_rate

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agent_dto_synthesizer_voice_config import AgentDTOSynthesizerVoiceConfig  # noqa: PLC0415

        d = dict(src_dict)
        _voice_config = d.pop("voiceConfig", UNSET)
        voice_config: AgentDTOSynthesizerVoiceConfig | Unset
        if isinstance(_voice_config, Unset):
            voice_config = UNSET
        else:
            voice_config = AgentDTOSynthesizerVoiceConfig.from_dict(_voice_config)

        speed = d.pop("speed", UNSET)

        consistency = d.pop("consistency", UNSET)

        similarity = d.pop("similarity", UNSET)

        enhancement = d.pop("enhancement", UNSET)

        sample_rate = d.pop("sampleRate", UNSET)

        agent_dto_synthesizer = cls(
            voice_config=voice_config,
            speed=speed,
            consistency=consistency,
            similarity=similarity,
            enhancement=enhancement,
            sample_rate=sample_rate,
        )

        agent_dto_synthesizer.additional_properties = d
        return agent_dto_synthesizer

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
