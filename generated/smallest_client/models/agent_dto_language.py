from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_dto_language_default import AgentDTOLanguageDefault
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agent_dto_language_switching import AgentDTOLanguageSwitching


T = TypeVar("T", bound="AgentDTOLanguage")


@_attrs_define
class AgentDTOLanguage:
    """The language configuration of the agent

    Attributes:
        default (AgentDTOLanguageDefault | Unset): The default language of the agent
        switching (AgentDTOLanguageSwitching | Unset): Language switching configuration for the agent
        supported (list[str] | Unset): The supported languages of the agent
    """

    default: AgentDTOLanguageDefault | Unset = UNSET
    switching: AgentDTOLanguageSwitching | Unset = UNSET
    supported: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        default: str | Unset = UNSET
        if not isinstance(self.default, Unset):
            default = self.default.value

        switching: dict[str, Any] | Unset = UNSET
        if not isinstance(self.switching, Unset):
            switching = self.switching.to_dict()

        supported: list[str] | Unset = UNSET
        if not isinstance(self.supported, Unset):
            supported = self.supported

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if default is not UNSET:
            field_dict["default"] = default
        if switching is not UNSET:
            field_dict["switching"] = switching
        if supported is not UNSET:
            field_dict["supported"] = supported

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agent_dto_language_switching import AgentDTOLanguageSwitching  # noqa: PLC0415

        d = dict(src_dict)
        _default = d.pop("default", UNSET)
        default: AgentDTOLanguageDefault | Unset
        if isinstance(_default, Unset):
            default = UNSET
        else:
            default = AgentDTOLanguageDefault(_default)

        _switching = d.pop("switching", UNSET)
        switching: AgentDTOLanguageSwitching | Unset
        if isinstance(_switching, Unset):
            switching = UNSET
        else:
            switching = AgentDTOLanguageSwitching.from_dict(_switching)

        supported = cast(list[str], d.pop("supported", UNSET))

        agent_dto_language = cls(
            default=default,
            switching=switching,
            supported=supported,
        )

        agent_dto_language.additional_properties = d
        return agent_dto_language

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
