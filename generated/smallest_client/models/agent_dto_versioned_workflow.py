from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agent_dto_versioned_workflow_workflow_graph import AgentDTOVersionedWorkflowWorkflowGraph
    from ..models.tool import Tool


T = TypeVar("T", bound="AgentDTOVersionedWorkflow")


@_attrs_define
class AgentDTOVersionedWorkflow:
    """**Deprecated — internal use only.** Legacy field present whenever `_resolvedConfig` is populated.
    Mirrors a subset of `_resolvedConfig` (`prompt`, `tools`, `workflowGraph`). Kept for backward
    compatibility with existing frontend code. Ignore in new integrations.

        Attributes:
            prompt (str | Unset):
            tools (list[Tool] | Unset):
            workflow_graph (AgentDTOVersionedWorkflowWorkflowGraph | Unset):
    """

    prompt: str | Unset = UNSET
    tools: list[Tool] | Unset = UNSET
    workflow_graph: AgentDTOVersionedWorkflowWorkflowGraph | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        prompt = self.prompt

        tools: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tools, Unset):
            tools = []
            for tools_item_data in self.tools:
                tools_item = tools_item_data.to_dict()
                tools.append(tools_item)

        workflow_graph: dict[str, Any] | Unset = UNSET
        if not isinstance(self.workflow_graph, Unset):
            workflow_graph = self.workflow_graph.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if tools is not UNSET:
            field_dict["tools"] = tools
        if workflow_graph is not UNSET:
            field_dict["workflowGraph"] = workflow_graph

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agent_dto_versioned_workflow_workflow_graph import AgentDTOVersionedWorkflowWorkflowGraph  # noqa: PLC0415
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

        _workflow_graph = d.pop("workflowGraph", UNSET)
        workflow_graph: AgentDTOVersionedWorkflowWorkflowGraph | Unset
        if isinstance(_workflow_graph, Unset):
            workflow_graph = UNSET
        else:
            workflow_graph = AgentDTOVersionedWorkflowWorkflowGraph.from_dict(_workflow_graph)

        agent_dto_versioned_workflow = cls(
            prompt=prompt,
            tools=tools,
            workflow_graph=workflow_graph,
        )

        agent_dto_versioned_workflow.additional_properties = d
        return agent_dto_versioned_workflow

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
