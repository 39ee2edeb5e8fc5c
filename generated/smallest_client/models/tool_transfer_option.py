from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.tool_transfer_option_type import ToolTransferOptionType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tool_transfer_option_private_handoff_option_type_0 import ToolTransferOptionPrivateHandoffOptionType0
    from ..models.tool_transfer_option_public_handoff_option_type_0 import ToolTransferOptionPublicHandoffOptionType0


T = TypeVar("T", bound="ToolTransferOption")


@_attrs_define
class ToolTransferOption:
    """Required for transfer_call type. Controls cold vs warm transfer behavior.

    Attributes:
        type_ (ToolTransferOptionType | Unset): Transfer mode. `cold_transfer` hands off immediately; `warm_transfer`
            briefs the receiving party first. Default: ToolTransferOptionType.COLD_TRANSFER.
        private_handoff_option (None | ToolTransferOptionPrivateHandoffOptionType0 | Unset): Private briefing delivered
            to the transfer target before the caller is connected. Only used when `type = warm_transfer`.
        public_handoff_option (None | ToolTransferOptionPublicHandoffOptionType0 | Unset): Message played to the caller
            while the transfer is being set up. Only used when `type = warm_transfer`.
    """

    type_: ToolTransferOptionType | Unset = ToolTransferOptionType.COLD_TRANSFER
    private_handoff_option: None | ToolTransferOptionPrivateHandoffOptionType0 | Unset = UNSET
    public_handoff_option: None | ToolTransferOptionPublicHandoffOptionType0 | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.tool_transfer_option_private_handoff_option_type_0 import (
            ToolTransferOptionPrivateHandoffOptionType0,  # noqa: PLC0415
        )
        from ..models.tool_transfer_option_public_handoff_option_type_0 import (
            ToolTransferOptionPublicHandoffOptionType0,  # noqa: PLC0415
        )

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        private_handoff_option: dict[str, Any] | None | Unset
        if isinstance(self.private_handoff_option, Unset):
            private_handoff_option = UNSET
        elif isinstance(self.private_handoff_option, ToolTransferOptionPrivateHandoffOptionType0):
            private_handoff_option = self.private_handoff_option.to_dict()
        else:
            private_handoff_option = self.private_handoff_option

        public_handoff_option: dict[str, Any] | None | Unset
        if isinstance(self.public_handoff_option, Unset):
            public_handoff_option = UNSET
        elif isinstance(self.public_handoff_option, ToolTransferOptionPublicHandoffOptionType0):
            public_handoff_option = self.public_handoff_option.to_dict()
        else:
            public_handoff_option = self.public_handoff_option

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if type_ is not UNSET:
            field_dict["type"] = type_
        if private_handoff_option is not UNSET:
            field_dict["privateHandoffOption"] = private_handoff_option
        if public_handoff_option is not UNSET:
            field_dict["publicHandoffOption"] = public_handoff_option

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tool_transfer_option_private_handoff_option_type_0 import (
            ToolTransferOptionPrivateHandoffOptionType0,  # noqa: PLC0415
        )
        from ..models.tool_transfer_option_public_handoff_option_type_0 import (
            ToolTransferOptionPublicHandoffOptionType0,  # noqa: PLC0415
        )

        d = dict(src_dict)
        _type_ = d.pop("type", UNSET)
        type_: ToolTransferOptionType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = ToolTransferOptionType(_type_)

        def _parse_private_handoff_option(data: object) -> None | ToolTransferOptionPrivateHandoffOptionType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                private_handoff_option_type_0 = ToolTransferOptionPrivateHandoffOptionType0.from_dict(data)

                return private_handoff_option_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ToolTransferOptionPrivateHandoffOptionType0 | Unset, data)

        private_handoff_option = _parse_private_handoff_option(d.pop("privateHandoffOption", UNSET))

        def _parse_public_handoff_option(data: object) -> None | ToolTransferOptionPublicHandoffOptionType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                public_handoff_option_type_0 = ToolTransferOptionPublicHandoffOptionType0.from_dict(data)

                return public_handoff_option_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ToolTransferOptionPublicHandoffOptionType0 | Unset, data)

        public_handoff_option = _parse_public_handoff_option(d.pop("publicHandoffOption", UNSET))

        tool_transfer_option = cls(
            type_=type_,
            private_handoff_option=private_handoff_option,
            public_handoff_option=public_handoff_option,
        )

        tool_transfer_option.additional_properties = d
        return tool_transfer_option

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
