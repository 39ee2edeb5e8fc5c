"""Contains all the data models used in inputs/outputs"""

from .agent_dto import AgentDTO
from .agent_dto_background_sound import AgentDTOBackgroundSound
from .agent_dto_config_source import AgentDTOConfigSource
from .agent_dto_default_variables import AgentDTODefaultVariables
from .agent_dto_denoising_config import AgentDTODenoisingConfig
from .agent_dto_language import AgentDTOLanguage
from .agent_dto_language_default import AgentDTOLanguageDefault
from .agent_dto_language_switching import AgentDTOLanguageSwitching
from .agent_dto_llm_idle_timeout_config import AgentDTOLlmIdleTimeoutConfig
from .agent_dto_pre_call_api import AgentDTOPreCallAPI
from .agent_dto_pre_call_api_body import AgentDTOPreCallAPIBody
from .agent_dto_pre_call_api_headers import AgentDTOPreCallAPIHeaders
from .agent_dto_pre_call_api_method import AgentDTOPreCallAPIMethod
from .agent_dto_pre_call_api_query_params import AgentDTOPreCallAPIQueryParams
from .agent_dto_pre_call_api_response_variables_item import AgentDTOPreCallAPIResponseVariablesItem
from .agent_dto_pronunciation_dicts_item import AgentDTOPronunciationDictsItem
from .agent_dto_redaction_config import AgentDTORedactionConfig
from .agent_dto_resolved_config import AgentDTOResolvedConfig
from .agent_dto_resolved_config_default_language import AgentDTOResolvedConfigDefaultLanguage
from .agent_dto_resolved_config_denoising_config import AgentDTOResolvedConfigDenoisingConfig
from .agent_dto_resolved_config_language_switching import AgentDTOResolvedConfigLanguageSwitching
from .agent_dto_resolved_config_llm_idle_timeout_config import AgentDTOResolvedConfigLlmIdleTimeoutConfig
from .agent_dto_resolved_config_pre_call_api import AgentDTOResolvedConfigPreCallAPI
from .agent_dto_resolved_config_redaction_config import AgentDTOResolvedConfigRedactionConfig
from .agent_dto_resolved_config_session_timeout_config import AgentDTOResolvedConfigSessionTimeoutConfig
from .agent_dto_resolved_config_smart_turn_config import AgentDTOResolvedConfigSmartTurnConfig
from .agent_dto_resolved_config_voice_detection_config import AgentDTOResolvedConfigVoiceDetectionConfig
from .agent_dto_resolved_config_workflow_graph import AgentDTOResolvedConfigWorkflowGraph
from .agent_dto_session_timeout_config import AgentDTOSessionTimeoutConfig
from .agent_dto_slm_model import AgentDTOSlmModel
from .agent_dto_smart_turn_config import AgentDTOSmartTurnConfig
from .agent_dto_synthesizer import AgentDTOSynthesizer
from .agent_dto_synthesizer_voice_config import AgentDTOSynthesizerVoiceConfig
from .agent_dto_synthesizer_voice_config_gender import AgentDTOSynthesizerVoiceConfigGender
from .agent_dto_synthesizer_voice_config_model import AgentDTOSynthesizerVoiceConfigModel
from .agent_dto_timezone import AgentDTOTimezone
from .agent_dto_versioned_workflow import AgentDTOVersionedWorkflow
from .agent_dto_versioned_workflow_workflow_graph import AgentDTOVersionedWorkflowWorkflowGraph
from .agent_dto_voice_detection_config import AgentDTOVoiceDetectionConfig
from .agent_dto_voice_mail_detection_config import AgentDTOVoiceMailDetectionConfig
from .agent_dto_widget_config import AgentDTOWidgetConfig
from .agent_dto_widget_config_mode import AgentDTOWidgetConfigMode
from .agent_dto_widget_config_position import AgentDTOWidgetConfigPosition
from .agent_dto_widget_config_size import AgentDTOWidgetConfigSize
from .agent_dto_widget_config_theme import AgentDTOWidgetConfigTheme
from .api_response import ApiResponse
from .api_response_data import ApiResponseData
from .bad_request_error_response import BadRequestErrorResponse
from .campaign_post_responses_content_application_json_schema_data import (
    CampaignPostResponsesContentApplicationJsonSchemaData,
)
from .campaign_post_responses_content_application_json_schema_data_status import (
    CampaignPostResponsesContentApplicationJsonSchemaDataStatus,
)
from .campaigns_create_a_campaign_response_201 import CampaignsCreateACampaignResponse201
from .create_a_campaign_body import CreateACampaignBody
from .delete_a_campaign_response_200 import DeleteACampaignResponse200
from .disposition_metric import DispositionMetric
from .disposition_metric_disposition_metric_type import DispositionMetricDispositionMetricType
from .get_a_campaign_response_200 import GetACampaignResponse200
from .get_a_campaign_response_200_data import GetACampaignResponse200Data
from .get_a_campaign_response_200_data_campaign import GetACampaignResponse200DataCampaign
from .get_a_campaign_response_200_data_campaign_agent import GetACampaignResponse200DataCampaignAgent
from .get_a_campaign_response_200_data_campaign_audience import GetACampaignResponse200DataCampaignAudience
from .get_a_campaign_response_200_data_campaign_status import GetACampaignResponse200DataCampaignStatus
from .get_a_campaign_response_200_data_events_item import GetACampaignResponse200DataEventsItem
from .get_a_campaign_response_200_data_metrics import GetACampaignResponse200DataMetrics
from .get_all_conversation_logs_call_types import GetAllConversationLogsCallTypes
from .get_all_conversation_logs_response_200 import GetAllConversationLogsResponse200
from .get_all_conversation_logs_response_200_data import GetAllConversationLogsResponse200Data
from .get_all_conversation_logs_response_200_data_disposition_metrics_config_item import (
    GetAllConversationLogsResponse200DataDispositionMetricsConfigItem,
)
from .get_all_conversation_logs_response_200_data_logs_item import GetAllConversationLogsResponse200DataLogsItem
from .get_all_conversation_logs_response_200_data_logs_item_agent_disposition_config_item import (
    GetAllConversationLogsResponse200DataLogsItemAgentDispositionConfigItem,
)
from .get_all_conversation_logs_response_200_data_logs_item_disposition_metrics import (
    GetAllConversationLogsResponse200DataLogsItemDispositionMetrics,
)
from .get_all_conversation_logs_response_200_data_logs_item_post_call_analytics import (
    GetAllConversationLogsResponse200DataLogsItemPostCallAnalytics,
)
from .get_all_conversation_logs_response_200_data_logs_item_post_call_analytics_disposition_metrics_item import (
    GetAllConversationLogsResponse200DataLogsItemPostCallAnalyticsDispositionMetricsItem,
)
from .get_all_conversation_logs_response_200_data_logs_item_status import (
    GetAllConversationLogsResponse200DataLogsItemStatus,
)
from .get_all_conversation_logs_response_200_data_logs_item_turn_latency_metrics import (
    GetAllConversationLogsResponse200DataLogsItemTurnLatencyMetrics,
)
from .get_all_conversation_logs_response_200_data_logs_item_turn_latency_metrics_transitions_item import (
    GetAllConversationLogsResponse200DataLogsItemTurnLatencyMetricsTransitionsItem,
)
from .get_all_conversation_logs_response_200_data_logs_item_type import (
    GetAllConversationLogsResponse200DataLogsItemType,
)
from .get_all_conversation_logs_response_200_data_pagination import GetAllConversationLogsResponse200DataPagination
from .get_all_conversation_logs_sort_by import GetAllConversationLogsSortBy
from .get_all_conversation_logs_sort_order import GetAllConversationLogsSortOrder
from .get_conversation_log_by_id_response_200 import GetConversationLogByIdResponse200
from .get_conversation_log_by_id_response_200_data import GetConversationLogByIdResponse200Data
from .get_conversation_log_by_id_response_200_data_events_item import GetConversationLogByIdResponse200DataEventsItem
from .get_conversation_log_by_id_response_200_data_post_call_analytics import (
    GetConversationLogByIdResponse200DataPostCallAnalytics,
)
from .get_conversation_log_by_id_response_200_data_post_call_analytics_disposition_metrics_item import (
    GetConversationLogByIdResponse200DataPostCallAnalyticsDispositionMetricsItem,
)
from .get_conversation_log_by_id_response_200_data_status import GetConversationLogByIdResponse200DataStatus
from .get_conversation_log_by_id_response_200_data_transcript_item import (
    GetConversationLogByIdResponse200DataTranscriptItem,
)
from .get_conversation_log_by_id_response_200_data_transcript_item_role import (
    GetConversationLogByIdResponse200DataTranscriptItemRole,
)
from .get_conversation_log_by_id_response_200_data_turn_latency_metrics import (
    GetConversationLogByIdResponse200DataTurnLatencyMetrics,
)
from .get_conversation_log_by_id_response_200_data_turn_latency_metrics_transitions_item import (
    GetConversationLogByIdResponse200DataTurnLatencyMetricsTransitionsItem,
)
from .get_conversation_log_by_id_response_200_data_type import GetConversationLogByIdResponse200DataType
from .get_conversation_log_by_id_response_200_data_variables import GetConversationLogByIdResponse200DataVariables
from .get_conversation_log_by_id_response_200_data_voice_config_used import (
    GetConversationLogByIdResponse200DataVoiceConfigUsed,
)
from .internal_server_error_response import InternalServerErrorResponse
from .pause_a_campaign_response_200 import PauseACampaignResponse200
from .post_call_analytics_config import PostCallAnalyticsConfig
from .post_call_analytics_config_success_metrics_item import PostCallAnalyticsConfigSuccessMetricsItem
from .post_call_analytics_config_success_metrics_item_success_metric_type import (
    PostCallAnalyticsConfigSuccessMetricsItemSuccessMetricType,
)
from .retrieve_all_campaigns_response_200 import RetrieveAllCampaignsResponse200
from .retrieve_all_campaigns_response_200_data import RetrieveAllCampaignsResponse200Data
from .retrieve_all_campaigns_response_200_data_campaigns_item import RetrieveAllCampaignsResponse200DataCampaignsItem
from .retrieve_all_campaigns_response_200_data_campaigns_item_agent import (
    RetrieveAllCampaignsResponse200DataCampaignsItemAgent,
)
from .retrieve_all_campaigns_response_200_data_campaigns_item_audience import (
    RetrieveAllCampaignsResponse200DataCampaignsItemAudience,
)
from .retrieve_all_campaigns_response_200_data_campaigns_item_status import (
    RetrieveAllCampaignsResponse200DataCampaignsItemStatus,
)
from .retrieve_all_campaigns_response_200_data_pagination import RetrieveAllCampaignsResponse200DataPagination
from .retrieve_all_campaigns_sort_field import RetrieveAllCampaignsSortField
from .retrieve_all_campaigns_sort_order import RetrieveAllCampaignsSortOrder
from .retrieve_all_campaigns_status import RetrieveAllCampaignsStatus
from .start_or_resume_a_campaign_response_202 import StartOrResumeACampaignResponse202
from .start_or_resume_a_campaign_response_202_data import StartOrResumeACampaignResponse202Data
from .tool import Tool
from .tool_headers import ToolHeaders
from .tool_headers_array_item import ToolHeadersArrayItem
from .tool_llm_parameters_item import ToolLlmParametersItem
from .tool_llm_parameters_item_type import ToolLlmParametersItemType
from .tool_method import ToolMethod
from .tool_on_hold_music import ToolOnHoldMusic
from .tool_query_params_item import ToolQueryParamsItem
from .tool_response_variables_item import ToolResponseVariablesItem
from .tool_transfer_option import ToolTransferOption
from .tool_transfer_option_private_handoff_option_type_0 import ToolTransferOptionPrivateHandoffOptionType0
from .tool_transfer_option_private_handoff_option_type_0_type import ToolTransferOptionPrivateHandoffOptionType0Type
from .tool_transfer_option_public_handoff_option_type_0 import ToolTransferOptionPublicHandoffOptionType0
from .tool_transfer_option_public_handoff_option_type_0_type import ToolTransferOptionPublicHandoffOptionType0Type
from .tool_transfer_option_type import ToolTransferOptionType
from .tool_type import ToolType
from .tool_variables_extraction_schema_item import ToolVariablesExtractionSchemaItem
from .tool_variables_extraction_schema_item_type import ToolVariablesExtractionSchemaItemType
from .unauthorized_error_response import UnauthorizedErrorResponse
from .workflow_type import WorkflowType

__all__ = (
    "AgentDTO",
    "AgentDTOBackgroundSound",
    "AgentDTOConfigSource",
    "AgentDTODefaultVariables",
    "AgentDTODenoisingConfig",
    "AgentDTOLanguage",
    "AgentDTOLanguageDefault",
    "AgentDTOLanguageSwitching",
    "AgentDTOLlmIdleTimeoutConfig",
    "AgentDTOPreCallAPI",
    "AgentDTOPreCallAPIBody",
    "AgentDTOPreCallAPIHeaders",
    "AgentDTOPreCallAPIMethod",
    "AgentDTOPreCallAPIQueryParams",
    "AgentDTOPreCallAPIResponseVariablesItem",
    "AgentDTOPronunciationDictsItem",
    "AgentDTORedactionConfig",
    "AgentDTOResolvedConfig",
    "AgentDTOResolvedConfigDefaultLanguage",
    "AgentDTOResolvedConfigDenoisingConfig",
    "AgentDTOResolvedConfigLanguageSwitching",
    "AgentDTOResolvedConfigLlmIdleTimeoutConfig",
    "AgentDTOResolvedConfigPreCallAPI",
    "AgentDTOResolvedConfigRedactionConfig",
    "AgentDTOResolvedConfigSessionTimeoutConfig",
    "AgentDTOResolvedConfigSmartTurnConfig",
    "AgentDTOResolvedConfigVoiceDetectionConfig",
    "AgentDTOResolvedConfigWorkflowGraph",
    "AgentDTOSessionTimeoutConfig",
    "AgentDTOSlmModel",
    "AgentDTOSmartTurnConfig",
    "AgentDTOSynthesizer",
    "AgentDTOSynthesizerVoiceConfig",
    "AgentDTOSynthesizerVoiceConfigGender",
    "AgentDTOSynthesizerVoiceConfigModel",
    "AgentDTOTimezone",
    "AgentDTOVersionedWorkflow",
    "AgentDTOVersionedWorkflowWorkflowGraph",
    "AgentDTOVoiceDetectionConfig",
    "AgentDTOVoiceMailDetectionConfig",
    "AgentDTOWidgetConfig",
    "AgentDTOWidgetConfigMode",
    "AgentDTOWidgetConfigPosition",
    "AgentDTOWidgetConfigSize",
    "AgentDTOWidgetConfigTheme",
    "ApiResponse",
    "ApiResponseData",
    "BadRequestErrorResponse",
    "CampaignPostResponsesContentApplicationJsonSchemaData",
    "CampaignPostResponsesContentApplicationJsonSchemaDataStatus",
    "CampaignsCreateACampaignResponse201",
    "CreateACampaignBody",
    "DeleteACampaignResponse200",
    "DispositionMetric",
    "DispositionMetricDispositionMetricType",
    "GetACampaignResponse200",
    "GetACampaignResponse200Data",
    "GetACampaignResponse200DataCampaign",
    "GetACampaignResponse200DataCampaignAgent",
    "GetACampaignResponse200DataCampaignAudience",
    "GetACampaignResponse200DataCampaignStatus",
    "GetACampaignResponse200DataEventsItem",
    "GetACampaignResponse200DataMetrics",
    "GetAllConversationLogsCallTypes",
    "GetAllConversationLogsResponse200",
    "GetAllConversationLogsResponse200Data",
    "GetAllConversationLogsResponse200DataDispositionMetricsConfigItem",
    "GetAllConversationLogsResponse200DataLogsItem",
    "GetAllConversationLogsResponse200DataLogsItemAgentDispositionConfigItem",
    "GetAllConversationLogsResponse200DataLogsItemDispositionMetrics",
    "GetAllConversationLogsResponse200DataLogsItemPostCallAnalytics",
    "GetAllConversationLogsResponse200DataLogsItemPostCallAnalyticsDispositionMetricsItem",
    "GetAllConversationLogsResponse200DataLogsItemStatus",
    "GetAllConversationLogsResponse200DataLogsItemTurnLatencyMetrics",
    "GetAllConversationLogsResponse200DataLogsItemTurnLatencyMetricsTransitionsItem",
    "GetAllConversationLogsResponse200DataLogsItemType",
    "GetAllConversationLogsResponse200DataPagination",
    "GetAllConversationLogsSortBy",
    "GetAllConversationLogsSortOrder",
    "GetConversationLogByIdResponse200",
    "GetConversationLogByIdResponse200Data",
    "GetConversationLogByIdResponse200DataEventsItem",
    "GetConversationLogByIdResponse200DataPostCallAnalytics",
    "GetConversationLogByIdResponse200DataPostCallAnalyticsDispositionMetricsItem",
    "GetConversationLogByIdResponse200DataStatus",
    "GetConversationLogByIdResponse200DataTranscriptItem",
    "GetConversationLogByIdResponse200DataTranscriptItemRole",
    "GetConversationLogByIdResponse200DataTurnLatencyMetrics",
    "GetConversationLogByIdResponse200DataTurnLatencyMetricsTransitionsItem",
    "GetConversationLogByIdResponse200DataType",
    "GetConversationLogByIdResponse200DataVariables",
    "GetConversationLogByIdResponse200DataVoiceConfigUsed",
    "InternalServerErrorResponse",
    "PauseACampaignResponse200",
    "PostCallAnalyticsConfig",
    "PostCallAnalyticsConfigSuccessMetricsItem",
    "PostCallAnalyticsConfigSuccessMetricsItemSuccessMetricType",
    "RetrieveAllCampaignsResponse200",
    "RetrieveAllCampaignsResponse200Data",
    "RetrieveAllCampaignsResponse200DataCampaignsItem",
    "RetrieveAllCampaignsResponse200DataCampaignsItemAgent",
    "RetrieveAllCampaignsResponse200DataCampaignsItemAudience",
    "RetrieveAllCampaignsResponse200DataCampaignsItemStatus",
    "RetrieveAllCampaignsResponse200DataPagination",
    "RetrieveAllCampaignsSortField",
    "RetrieveAllCampaignsSortOrder",
    "RetrieveAllCampaignsStatus",
    "StartOrResumeACampaignResponse202",
    "StartOrResumeACampaignResponse202Data",
    "Tool",
    "ToolHeaders",
    "ToolHeadersArrayItem",
    "ToolLlmParametersItem",
    "ToolLlmParametersItemType",
    "ToolMethod",
    "ToolOnHoldMusic",
    "ToolQueryParamsItem",
    "ToolResponseVariablesItem",
    "ToolTransferOption",
    "ToolTransferOptionPrivateHandoffOptionType0",
    "ToolTransferOptionPrivateHandoffOptionType0Type",
    "ToolTransferOptionPublicHandoffOptionType0",
    "ToolTransferOptionPublicHandoffOptionType0Type",
    "ToolTransferOptionType",
    "ToolType",
    "ToolVariablesExtractionSchemaItem",
    "ToolVariablesExtractionSchemaItemType",
    "UnauthorizedErrorResponse",
    "WorkflowType",
)
