"""Contains all the data models used in inputs/outputs"""

from .campaign import Campaign
from .campaign_created_response import CampaignCreatedResponse
from .campaign_response import CampaignResponse
from .create_campaign_request import CreateCampaignRequest
from .error_response import ErrorResponse
from .status import Status

__all__ = (
    "Campaign",
    "CampaignCreatedResponse",
    "CampaignResponse",
    "CreateCampaignRequest",
    "ErrorResponse",
    "Status",
)
