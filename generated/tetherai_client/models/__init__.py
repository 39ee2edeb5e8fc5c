"""Contains all the data models used in inputs/outputs"""

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
from .stats import Stats

__all__ = (
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
    "Stats",
)
