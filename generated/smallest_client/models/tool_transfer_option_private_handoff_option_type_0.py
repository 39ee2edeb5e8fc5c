from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.tool_transfer_option_private_handoff_option_type_0_type import (
    ToolTransferOptionPrivateHandoffOptionType0Type,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="ToolTransferOptionPrivateHandoffOptionType0")


@_attrs_define
class ToolTransferOptionPrivateHandoffOptionType0:
    """Private briefing delivered to the transfer target before the caller is connected. Only used when `type =
    warm_transfer`.

        Attributes:
            type_ (ToolTransferOptionPrivateHandoffOptionType0Type | Unset): `prompt` generates briefing from the LLM;
                `static` plays fixed text.
            prompt (str | Unset): The prompt or static text for the private handoff.
    """

    type_: ToolTransferOptionPrivateHandoffOptionType0Type | Unset = UNSET
    prompt: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        prompt = self.prompt

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if type_ is not UNSET:
            field_dict["type"] = type_
        if prompt is not UNSET:
            field_dict["prompt"] = prompt

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _type_ = d.pop("type", UNSET)
        type_: ToolTransferOptionPrivateHandoffOptionType0Type | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = ToolTransferOptionPrivateHandoffOptionType0Type(_type_)

        prompt = d.pop("prompt", UNSET)

        tool_transfer_option_private_handoff_option_type_0 = cls(
            type_=type_,
            prompt=prompt,
        )

        tool_transfer_option_private_handoff_option_type_0.additional_properties = d
        return tool_transfer_option_private_handoff_option_type_0

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
