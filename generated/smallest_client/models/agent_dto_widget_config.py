from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_dto_widget_config_mode import AgentDTOWidgetConfigMode
from ..models.agent_dto_widget_config_position import AgentDTOWidgetConfigPosition
from ..models.agent_dto_widget_config_size import AgentDTOWidgetConfigSize
from ..models.agent_dto_widget_config_theme import AgentDTOWidgetConfigTheme
from ..types import UNSET, Unset

T = TypeVar("T", bound="AgentDTOWidgetConfig")


@_attrs_define
class AgentDTOWidgetConfig:
    """Chat-widget rendering configuration (theme, copy, consent prompt). Only relevant
    when the agent is exposed via the embeddable widget; ignored by voice-only agents.

        Attributes:
            position (AgentDTOWidgetConfigPosition | Unset):  Default: AgentDTOWidgetConfigPosition.BOTTOM_RIGHT.
            size (AgentDTOWidgetConfigSize | Unset):  Default: AgentDTOWidgetConfigSize.FULL.
            mode (AgentDTOWidgetConfigMode | Unset):  Default: AgentDTOWidgetConfigMode.CHAT.
            theme (AgentDTOWidgetConfigTheme | Unset):  Default: AgentDTOWidgetConfigTheme.LIGHT.
            base_color (str | Unset):  Default: '#ffffff'.
            accent_color (str | Unset):  Default: '#2d9d9f'.
            agent_bubble_color (str | Unset):  Default: '#f3f4f6'.
            text_on_accent_color (str | Unset):  Default: '#FFFFFF'.
            secondary_text_color (str | Unset):  Default: '#6b7280'.
            primary_text_color (str | Unset):  Default: '#111827'.
            start_button_text (str | Unset):  Default: 'Start'.
            end_button_text (str | Unset):  Default: 'End'.
            cta_name (str | Unset):  Default: 'Talk to Atoms'.
            widget_name (str | Unset):  Default: 'Atoms'.
            avatar_url (None | str | Unset):
            chat_placeholder (str | Unset):  Default: 'Type your message...'.
            consent_required (bool | Unset):  Default: False.
            consent_title (str | Unset):  Default: 'Privacy Agreement'.
            consent_content (str | Unset): Long-form consent body shown before the user can interact.
            assistant_id (None | str | Unset):
            allowlist (list[str] | Unset): Allowed origin hostnames for widget embedding.
    """

    position: AgentDTOWidgetConfigPosition | Unset = AgentDTOWidgetConfigPosition.BOTTOM_RIGHT
    size: AgentDTOWidgetConfigSize | Unset = AgentDTOWidgetConfigSize.FULL
    mode: AgentDTOWidgetConfigMode | Unset = AgentDTOWidgetConfigMode.CHAT
    theme: AgentDTOWidgetConfigTheme | Unset = AgentDTOWidgetConfigTheme.LIGHT
    base_color: str | Unset = "#ffffff"
    accent_color: str | Unset = "#2d9d9f"
    agent_bubble_color: str | Unset = "#f3f4f6"
    text_on_accent_color: str | Unset = "#FFFFFF"
    secondary_text_color: str | Unset = "#6b7280"
    primary_text_color: str | Unset = "#111827"
    start_button_text: str | Unset = "Start"
    end_button_text: str | Unset = "End"
    cta_name: str | Unset = "Talk to Atoms"
    widget_name: str | Unset = "Atoms"
    avatar_url: None | str | Unset = UNSET
    chat_placeholder: str | Unset = "Type your message..."
    consent_required: bool | Unset = False
    consent_title: str | Unset = "Privacy Agreement"
    consent_content: str | Unset = UNSET
    assistant_id: None | str | Unset = UNSET
    allowlist: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        position: str | Unset = UNSET
        if not isinstance(self.position, Unset):
            position = self.position.value

        size: str | Unset = UNSET
        if not isinstance(self.size, Unset):
            size = self.size.value

        mode: str | Unset = UNSET
        if not isinstance(self.mode, Unset):
            mode = self.mode.value

        theme: str | Unset = UNSET
        if not isinstance(self.theme, Unset):
            theme = self.theme.value

        base_color = self.base_color

        accent_color = self.accent_color

        agent_bubble_color = self.agent_bubble_color

        text_on_accent_color = self.text_on_accent_color

        secondary_text_color = self.secondary_text_color

        primary_text_color = self.primary_text_color

        start_button_text = self.start_button_text

        end_button_text = self.end_button_text

        cta_name = self.cta_name

        widget_name = self.widget_name

        avatar_url: None | str | Unset
        if isinstance(self.avatar_url, Unset):
            avatar_url = UNSET
        else:
            avatar_url = self.avatar_url

        chat_placeholder = self.chat_placeholder

        consent_required = self.consent_required

        consent_title = self.consent_title

        consent_content = self.consent_content

        assistant_id: None | str | Unset
        if isinstance(self.assistant_id, Unset):
            assistant_id = UNSET
        else:
            assistant_id = self.assistant_id

        allowlist: list[str] | Unset = UNSET
        if not isinstance(self.allowlist, Unset):
            allowlist = self.allowlist

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if position is not UNSET:
            field_dict["position"] = position
        if size is not UNSET:
            field_dict["size"] = size
        if mode is not UNSET:
            field_dict["mode"] = mode
        if theme is not UNSET:
            field_dict["theme"] = theme
        if base_color is not UNSET:
            field_dict["baseColor"] = base_color
        if accent_color is not UNSET:
            field_dict["accentColor"] = accent_color
        if agent_bubble_color is not UNSET:
            field_dict["agentBubbleColor"] = agent_bubble_color
        if text_on_accent_color is not UNSET:
            field_dict["textOnAccentColor"] = text_on_accent_color
        if secondary_text_color is not UNSET:
            field_dict["secondaryTextColor"] = secondary_text_color
        if primary_text_color is not UNSET:
            field_dict["primaryTextColor"] = primary_text_color
        if start_button_text is not UNSET:
            field_dict["startButtonText"] = start_button_text
        if end_button_text is not UNSET:
            field_dict["endButtonText"] = end_button_text
        if cta_name is not UNSET:
            field_dict["ctaName"] = cta_name
        if widget_name is not UNSET:
            field_dict["widgetName"] = widget_name
        if avatar_url is not UNSET:
            field_dict["avatarUrl"] = avatar_url
        if chat_placeholder is not UNSET:
            field_dict["chatPlaceholder"] = chat_placeholder
        if consent_required is not UNSET:
            field_dict["consentRequired"] = consent_required
        if consent_title is not UNSET:
            field_dict["consentTitle"] = consent_title
        if consent_content is not UNSET:
            field_dict["consentContent"] = consent_content
        if assistant_id is not UNSET:
            field_dict["assistantId"] = assistant_id
        if allowlist is not UNSET:
            field_dict["allowlist"] = allowlist

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _position = d.pop("position", UNSET)
        position: AgentDTOWidgetConfigPosition | Unset
        if isinstance(_position, Unset):
            position = UNSET
        else:
            position = AgentDTOWidgetConfigPosition(_position)

        _size = d.pop("size", UNSET)
        size: AgentDTOWidgetConfigSize | Unset
        if isinstance(_size, Unset):
            size = UNSET
        else:
            size = AgentDTOWidgetConfigSize(_size)

        _mode = d.pop("mode", UNSET)
        mode: AgentDTOWidgetConfigMode | Unset
        if isinstance(_mode, Unset):
            mode = UNSET
        else:
            mode = AgentDTOWidgetConfigMode(_mode)

        _theme = d.pop("theme", UNSET)
        theme: AgentDTOWidgetConfigTheme | Unset
        if isinstance(_theme, Unset):
            theme = UNSET
        else:
            theme = AgentDTOWidgetConfigTheme(_theme)

        base_color = d.pop("baseColor", UNSET)

        accent_color = d.pop("accentColor", UNSET)

        agent_bubble_color = d.pop("agentBubbleColor", UNSET)

        text_on_accent_color = d.pop("textOnAccentColor", UNSET)

        secondary_text_color = d.pop("secondaryTextColor", UNSET)

        primary_text_color = d.pop("primaryTextColor", UNSET)

        start_button_text = d.pop("startButtonText", UNSET)

        end_button_text = d.pop("endButtonText", UNSET)

        cta_name = d.pop("ctaName", UNSET)

        widget_name = d.pop("widgetName", UNSET)

        def _parse_avatar_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        avatar_url = _parse_avatar_url(d.pop("avatarUrl", UNSET))

        chat_placeholder = d.pop("chatPlaceholder", UNSET)

        consent_required = d.pop("consentRequired", UNSET)

        consent_title = d.pop("consentTitle", UNSET)

        consent_content = d.pop("consentContent", UNSET)

        def _parse_assistant_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        assistant_id = _parse_assistant_id(d.pop("assistantId", UNSET))

        allowlist = cast(list[str], d.pop("allowlist", UNSET))

        agent_dto_widget_config = cls(
            position=position,
            size=size,
            mode=mode,
            theme=theme,
            base_color=base_color,
            accent_color=accent_color,
            agent_bubble_color=agent_bubble_color,
            text_on_accent_color=text_on_accent_color,
            secondary_text_color=secondary_text_color,
            primary_text_color=primary_text_color,
            start_button_text=start_button_text,
            end_button_text=end_button_text,
            cta_name=cta_name,
            widget_name=widget_name,
            avatar_url=avatar_url,
            chat_placeholder=chat_placeholder,
            consent_required=consent_required,
            consent_title=consent_title,
            consent_content=consent_content,
            assistant_id=assistant_id,
            allowlist=allowlist,
        )

        agent_dto_widget_config.additional_properties = d
        return agent_dto_widget_config

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
