"""Contains all the data models used in inputs/outputs"""

from .api_error import ApiError
from .api_response import ApiResponse
from .campaign import Campaign
from .campaign_created_response import CampaignCreatedResponse
from .campaign_failed_details_item import CampaignFailedDetailsItem
from .create_campaign_request import CreateCampaignRequest
from .create_campaign_request_assignment import CreateCampaignRequestAssignment
from .create_campaign_request_raw_csv_data import CreateCampaignRequestRawCsvData
from .create_campaign_request_segmentation import CreateCampaignRequestSegmentation
from .created_by import CreatedBy
from .error_response import ErrorResponse
from .existing_contact import ExistingContact
from .new_contact import NewContact
from .patch_api_campaigns_id_body import PatchApiCampaignsIdBody
from .post_api_campaigns_id_cancel_body import PostApiCampaignsIdCancelBody
from .post_api_campaigns_id_send_body import PostApiCampaignsIdSendBody
from .stats import Stats

__all__ = (
    "ApiError",
    "ApiResponse",
    "Campaign",
    "CampaignCreatedResponse",
    "CampaignFailedDetailsItem",
    "CreateCampaignRequest",
    "CreateCampaignRequestAssignment",
    "CreateCampaignRequestRawCsvData",
    "CreateCampaignRequestSegmentation",
    "CreatedBy",
    "ErrorResponse",
    "ExistingContact",
    "NewContact",
    "PatchApiCampaignsIdBody",
    "PostApiCampaignsIdCancelBody",
    "PostApiCampaignsIdSendBody",
    "Stats",
)
