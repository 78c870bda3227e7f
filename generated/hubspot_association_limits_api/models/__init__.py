"""Contains all the data models used in inputs/outputs"""

from .association_category import AssociationCategory
from .association_label import AssociationLabel
from .association_type_key import AssociationTypeKey
from .batch_item_error import BatchItemError
from .batch_status import BatchStatus
from .error import Error
from .error_context import ErrorContext
from .error_detail import ErrorDetail
from .key_batch_input import KeyBatchInput
from .label_collection import LabelCollection
from .label_create_input import LabelCreateInput
from .label_update_input import LabelUpdateInput
from .limit_batch_input import LimitBatchInput
from .limit_batch_result import LimitBatchResult
from .limit_batch_result_with_errors import LimitBatchResultWithErrors
from .limit_collection import LimitCollection
from .limit_configuration import LimitConfiguration
from .limit_input import LimitInput
from .links import Links
from .rate_limit_error import RateLimitError
from .sub_category_object import SubCategoryObject
from .update_batch_result import UpdateBatchResult
from .update_batch_result_with_errors import UpdateBatchResultWithErrors
from .updated_limit import UpdatedLimit

__all__ = (
    "AssociationCategory",
    "AssociationLabel",
    "AssociationTypeKey",
    "BatchItemError",
    "BatchStatus",
    "Error",
    "ErrorContext",
    "ErrorDetail",
    "KeyBatchInput",
    "LabelCollection",
    "LabelCreateInput",
    "LabelUpdateInput",
    "LimitBatchInput",
    "LimitBatchResult",
    "LimitBatchResultWithErrors",
    "LimitCollection",
    "LimitConfiguration",
    "LimitInput",
    "Links",
    "RateLimitError",
    "SubCategoryObject",
    "UpdateBatchResult",
    "UpdateBatchResultWithErrors",
    "UpdatedLimit",
)
