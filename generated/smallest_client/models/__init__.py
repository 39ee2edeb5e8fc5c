"""Contains all the data models used in inputs/outputs"""

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
from .internal_server_error_response import InternalServerErrorResponse
from .unauthorized_error_response import UnauthorizedErrorResponse

__all__ = (
    "ApiResponse",
    "ApiResponseData",
    "BadRequestErrorResponse",
    "CampaignPostResponsesContentApplicationJsonSchemaData",
    "CampaignPostResponsesContentApplicationJsonSchemaDataStatus",
    "CampaignsCreateACampaignResponse201",
    "CreateACampaignBody",
    "InternalServerErrorResponse",
    "UnauthorizedErrorResponse",
)
