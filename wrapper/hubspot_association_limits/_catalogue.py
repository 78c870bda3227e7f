"""HubSpot's catalogue: its standard CRM object types and its HubSpot-defined association types.

The one list the client, the mock and the CLI read; nothing else keeps its own. It is data plus small
lookups: when HubSpot adds an object type, add a line to ``ObjectType`` and ``_OBJECT_TYPES``; when it
adds an association type, add a constant to ``AssociationTypeId`` and a row to ``_HUBSPOT_DEFINED``.
``tests/catalogue`` holds both against HubSpot's published tables.

Sources: "Object type IDs" in HubSpot's object API guide (32 standard types) and the "Association type ID
values" tables of the Associations v4 guide, as mirrored by HubSpot's Ruby SDK
(``lib/hubspot/helpers/association_type.rb``).
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

__all__ = [
    "AssociationTypeId",
    "AssociationTypeInfo",
    "Category",
    "ObjectType",
    "ObjectTypeInfo",
    "closest_object_type_name",
    "hubspot_defined_type",
    "hubspot_defined_types",
    "normalise_object_type",
    "object_type_info",
    "object_type_name",
    "object_types",
]


class ObjectType:
    """Ids of HubSpot's 32 standard CRM object types. Custom objects are ``2-<n>``."""

    APPOINTMENTS: Final = "0-421"
    CALLS: Final = "0-48"
    CARTS: Final = "0-142"
    COMMUNICATIONS: Final = "0-18"
    COMPANIES: Final = "0-2"
    CONTACTS: Final = "0-1"
    COURSES: Final = "0-410"
    DEALS: Final = "0-3"
    DISCOUNTS: Final = "0-84"
    EMAILS: Final = "0-49"
    FEEDBACK_SUBMISSIONS: Final = "0-19"
    FEES: Final = "0-85"
    GOALS: Final = "0-74"
    INVOICES: Final = "0-53"
    LEADS: Final = "0-136"
    LINE_ITEMS: Final = "0-8"
    LISTINGS: Final = "0-420"
    MARKETING_EVENTS: Final = "0-54"
    MEETINGS: Final = "0-47"
    NOTES: Final = "0-46"
    ORDERS: Final = "0-123"
    PAYMENTS: Final = "0-101"
    POSTAL_MAIL: Final = "0-116"
    PRODUCTS: Final = "0-7"
    PROJECTS: Final = "0-970"
    QUOTES: Final = "0-14"
    SERVICES: Final = "0-162"
    SUBSCRIPTIONS: Final = "0-69"
    TASKS: Final = "0-27"
    TAXES: Final = "0-86"
    TICKETS: Final = "0-5"
    USERS: Final = "0-115"


class Category:
    """Association categories HubSpot documents. The set is open: any other string is passed on."""

    HUBSPOT_DEFINED: Final = "HUBSPOT_DEFINED"
    USER_DEFINED: Final = "USER_DEFINED"
    INTEGRATOR_DEFINED: Final = "INTEGRATOR_DEFINED"
    WORK: Final = "WORK"


class AssociationTypeId:
    """Ids of HubSpot's HubSpot-defined association types (category ``HUBSPOT_DEFINED``).

    Named ``<FROM>_TO_<TO>`` in singular object names, with ``PRIMARY_`` for the primary type of a
    pair (``PRIMARY_DEAL_TO_COMPANY = 5``, ``DEAL_TO_COMPANY = 341``), as HubSpot's own SDKs name them.
    ``hubspot_defined_type(id)`` gives the pair of any of them.
    """

    PRIMARY_CONTACT_TO_COMPANY: Final = 1
    PRIMARY_COMPANY_TO_CONTACT: Final = 2
    DEAL_TO_CONTACT: Final = 3
    CONTACT_TO_DEAL: Final = 4
    PRIMARY_DEAL_TO_COMPANY: Final = 5
    PRIMARY_COMPANY_TO_DEAL: Final = 6
    PARENT_TO_CHILD_COMPANY: Final = 13
    CHILD_TO_PARENT_COMPANY: Final = 14
    CONTACT_TO_TICKET: Final = 15
    TICKET_TO_CONTACT: Final = 16
    DEAL_TO_LINE_ITEM: Final = 19
    LINE_ITEM_TO_DEAL: Final = 20
    PRIMARY_COMPANY_TO_TICKET: Final = 25
    PRIMARY_TICKET_TO_COMPANY: Final = 26
    DEAL_TO_TICKET: Final = 27
    TICKET_TO_DEAL: Final = 28
    DEAL_TO_QUOTE: Final = 63
    QUOTE_TO_DEAL: Final = 64
    QUOTE_TO_LINE_ITEM: Final = 67
    LINE_ITEM_TO_QUOTE: Final = 68
    QUOTE_TO_CONTACT: Final = 69
    CONTACT_TO_QUOTE: Final = 70
    QUOTE_TO_COMPANY: Final = 71
    COMPANY_TO_QUOTE: Final = 72
    COMMUNICATION_TO_CONTACT: Final = 81
    CONTACT_TO_COMMUNICATION: Final = 82
    COMMUNICATION_TO_TICKET: Final = 83
    TICKET_TO_COMMUNICATION: Final = 84
    COMMUNICATION_TO_DEAL: Final = 85
    DEAL_TO_COMMUNICATION: Final = 86
    COMMUNICATION_TO_COMPANY: Final = 87
    COMPANY_TO_COMMUNICATION: Final = 88
    CONTACT_TO_FEEDBACK_SUBMISSION: Final = 97
    FEEDBACK_SUBMISSION_TO_CONTACT: Final = 98
    TICKET_TO_FEEDBACK_SUBMISSION: Final = 99
    FEEDBACK_SUBMISSION_TO_TICKET: Final = 100
    INVOICE_TO_DEAL: Final = 175
    DEAL_TO_INVOICE: Final = 176
    INVOICE_TO_CONTACT: Final = 177
    CONTACT_TO_INVOICE: Final = 178
    INVOICE_TO_COMPANY: Final = 179
    COMPANY_TO_INVOICE: Final = 180
    COMPANY_TO_CALL: Final = 181
    CALL_TO_COMPANY: Final = 182
    COMPANY_TO_EMAIL: Final = 185
    EMAIL_TO_COMPANY: Final = 186
    COMPANY_TO_MEETING: Final = 187
    MEETING_TO_COMPANY: Final = 188
    COMPANY_TO_NOTE: Final = 189
    NOTE_TO_COMPANY: Final = 190
    COMPANY_TO_TASK: Final = 191
    TASK_TO_COMPANY: Final = 192
    CONTACT_TO_CALL: Final = 193
    CALL_TO_CONTACT: Final = 194
    CONTACT_TO_EMAIL: Final = 197
    EMAIL_TO_CONTACT: Final = 198
    CONTACT_TO_MEETING: Final = 199
    MEETING_TO_CONTACT: Final = 200
    CONTACT_TO_NOTE: Final = 201
    NOTE_TO_CONTACT: Final = 202
    CONTACT_TO_TASK: Final = 203
    TASK_TO_CONTACT: Final = 204
    DEAL_TO_CALL: Final = 205
    CALL_TO_DEAL: Final = 206
    DEAL_TO_EMAIL: Final = 209
    EMAIL_TO_DEAL: Final = 210
    DEAL_TO_MEETING: Final = 211
    MEETING_TO_DEAL: Final = 212
    DEAL_TO_NOTE: Final = 213
    NOTE_TO_DEAL: Final = 214
    DEAL_TO_TASK: Final = 215
    TASK_TO_DEAL: Final = 216
    QUOTE_TO_TASK: Final = 217
    TASK_TO_QUOTE: Final = 218
    TICKET_TO_CALL: Final = 219
    CALL_TO_TICKET: Final = 220
    TICKET_TO_EMAIL: Final = 223
    EMAIL_TO_TICKET: Final = 224
    TICKET_TO_MEETING: Final = 225
    MEETING_TO_TICKET: Final = 226
    TICKET_TO_NOTE: Final = 227
    NOTE_TO_TICKET: Final = 228
    TICKET_TO_TASK: Final = 229
    TASK_TO_TICKET: Final = 230
    CONTACT_TO_COMPANY: Final = 279
    COMPANY_TO_CONTACT: Final = 280
    SUBSCRIPTION_TO_CONTACT: Final = 295
    CONTACT_TO_SUBSCRIPTION: Final = 296
    SUBSCRIPTION_TO_COMPANY: Final = 297
    COMPANY_TO_SUBSCRIPTION: Final = 298
    SUBSCRIPTION_TO_DEAL: Final = 299
    DEAL_TO_SUBSCRIPTION: Final = 300
    SUBSCRIPTION_TO_LINE_ITEM: Final = 301
    LINE_ITEM_TO_SUBSCRIPTION: Final = 302
    SUBSCRIPTION_TO_QUOTE: Final = 303
    QUOTE_TO_SUBSCRIPTION: Final = 304
    TICKET_TO_COMPANY: Final = 339
    COMPANY_TO_TICKET: Final = 340
    DEAL_TO_COMPANY: Final = 341
    COMPANY_TO_DEAL: Final = 342
    DISCOUNT_TO_QUOTE: Final = 361
    QUOTE_TO_DISCOUNT: Final = 362
    FEE_TO_QUOTE: Final = 363
    QUOTE_TO_FEE: Final = 364
    TAX_TO_QUOTE: Final = 365
    QUOTE_TO_TAX: Final = 366
    DISCOUNT_TO_LINE_ITEM: Final = 367
    LINE_ITEM_TO_DISCOUNT: Final = 368
    DISCOUNT_TO_DEAL: Final = 369
    PAYMENT_TO_CONTACT: Final = 387
    CONTACT_TO_PAYMENT: Final = 388
    PAYMENT_TO_COMPANY: Final = 389
    COMPANY_TO_PAYMENT: Final = 390
    PAYMENT_TO_DEAL: Final = 391
    DEAL_TO_PAYMENT: Final = 392
    PAYMENT_TO_SUBSCRIPTION: Final = 393
    PAYMENT_TO_LINE_ITEM: Final = 395
    LINE_ITEM_TO_PAYMENT: Final = 396
    PAYMENT_TO_QUOTE: Final = 397
    QUOTE_TO_PAYMENT: Final = 398
    CALL_TO_MEETING: Final = 399
    MEETING_TO_CALL: Final = 400
    INVOICE_TO_QUOTE: Final = 407
    QUOTE_TO_INVOICE: Final = 408
    INVOICE_TO_LINE_ITEM: Final = 409
    LINE_ITEM_TO_INVOICE: Final = 410
    INVOICE_TO_DISCOUNT: Final = 411
    DISCOUNT_TO_INVOICE: Final = 412
    INVOICE_TO_FEE: Final = 413
    FEE_TO_INVOICE: Final = 414
    INVOICE_TO_TAX: Final = 415
    TAX_TO_INVOICE: Final = 416
    PAYMENT_TO_DISCOUNT: Final = 428
    CONTACT_TO_CONTACT: Final = 449
    COMPANY_TO_COMPANY: Final = 450
    DEAL_TO_DEAL: Final = 451
    TICKET_TO_TICKET: Final = 452
    POSTAL_MAIL_TO_CONTACT: Final = 453
    CONTACT_TO_POSTAL_MAIL: Final = 454
    POSTAL_MAIL_TO_TICKET: Final = 455
    TICKET_TO_POSTAL_MAIL: Final = 456
    POSTAL_MAIL_TO_DEAL: Final = 457
    DEAL_TO_POSTAL_MAIL: Final = 458
    POSTAL_MAIL_TO_COMPANY: Final = 459
    COMPANY_TO_POSTAL_MAIL: Final = 460
    ORDER_TO_CONTACT: Final = 507
    CONTACT_TO_ORDER: Final = 508
    ORDER_TO_COMPANY: Final = 509
    COMPANY_TO_ORDER: Final = 510
    DEAL_TO_ORDER: Final = 511
    ORDER_TO_DEAL: Final = 512
    ORDER_TO_LINE_ITEM: Final = 513
    LINE_ITEM_TO_ORDER: Final = 514
    SUBSCRIPTION_TO_ORDER: Final = 515
    ORDER_TO_SUBSCRIPTION: Final = 516
    INVOICE_TO_ORDER: Final = 517
    ORDER_TO_INVOICE: Final = 518
    ORDER_TO_DISCOUNT: Final = 519
    DISCOUNT_TO_ORDER: Final = 520
    ORDER_TO_PAYMENT: Final = 523
    PAYMENT_TO_ORDER: Final = 524
    ORDER_TO_TICKET: Final = 525
    TICKET_TO_ORDER: Final = 526
    INVOICE_TO_PAYMENT: Final = 541
    PAYMENT_TO_INVOICE: Final = 542
    PRIMARY_LEAD_TO_CONTACT: Final = 578
    CART_TO_CONTACT: Final = 586
    CONTACT_TO_CART: Final = 587
    CART_TO_DISCOUNT: Final = 588
    DISCOUNT_TO_CART: Final = 589
    CART_TO_LINE_ITEM: Final = 590
    LINE_ITEM_TO_CART: Final = 591
    CART_TO_ORDER: Final = 592
    ORDER_TO_CART: Final = 593
    CART_TO_TICKET: Final = 594
    LEAD_TO_CALL: Final = 596
    LEAD_TO_EMAIL: Final = 598
    LEAD_TO_MEETING: Final = 600
    LEAD_TO_COMMUNICATION: Final = 602
    LEAD_TO_CONTACT: Final = 608
    LEAD_TO_COMPANY: Final = 610
    INVOICE_TO_SUBSCRIPTION: Final = 622
    SUBSCRIPTION_TO_INVOICE: Final = 623
    LEAD_TO_TASK: Final = 646
    ORDER_TO_TASK: Final = 726
    CART_TO_TASK: Final = 728
    ORDER_TO_QUOTE: Final = 730
    QUOTE_TO_ORDER: Final = 731
    CART_TO_QUOTE: Final = 732
    QUOTE_TO_CART: Final = 733
    SERVICE_TO_COMPANY: Final = 792
    COMPANY_TO_SERVICE: Final = 793
    SERVICE_TO_DEAL: Final = 794
    DEAL_TO_SERVICE: Final = 795
    SERVICE_TO_TICKET: Final = 796
    TICKET_TO_SERVICE: Final = 797
    SERVICE_TO_CONTACT: Final = 798
    CONTACT_TO_SERVICE: Final = 799
    SERVICE_TO_NOTE: Final = 836
    NOTE_TO_SERVICE: Final = 837
    SERVICE_TO_MEETING: Final = 838
    MEETING_TO_SERVICE: Final = 839
    SERVICE_TO_CALL: Final = 840
    CALL_TO_SERVICE: Final = 841
    SERVICE_TO_EMAIL: Final = 842
    EMAIL_TO_SERVICE: Final = 843
    SERVICE_TO_COMMUNICATION: Final = 846
    COMMUNICATION_TO_SERVICE: Final = 847
    SERVICE_TO_POSTAL_MAIL: Final = 848
    POSTAL_MAIL_TO_SERVICE: Final = 849
    SERVICE_TO_TASK: Final = 852
    TASK_TO_SERVICE: Final = 853
    LEAD_TO_NOTE: Final = 854
    COURSE_TO_CONTACT: Final = 860
    CONTACT_TO_COURSE: Final = 861
    COURSE_TO_DEAL: Final = 862
    DEAL_TO_COURSE: Final = 863
    COURSE_TO_CALL: Final = 866
    CALL_TO_COURSE: Final = 867
    COURSE_TO_EMAIL: Final = 870
    EMAIL_TO_COURSE: Final = 871
    COURSE_TO_MEETING: Final = 872
    MEETING_TO_COURSE: Final = 873
    COURSE_TO_NOTE: Final = 874
    NOTE_TO_COURSE: Final = 875
    COURSE_TO_TASK: Final = 876
    TASK_TO_COURSE: Final = 877
    COURSE_TO_COMMUNICATION: Final = 878
    COMMUNICATION_TO_COURSE: Final = 879
    COURSE_TO_POSTAL_MAIL: Final = 880
    POSTAL_MAIL_TO_COURSE: Final = 881
    LISTING_TO_CONTACT: Final = 882
    CONTACT_TO_LISTING: Final = 883
    LISTING_TO_COMPANY: Final = 884
    COMPANY_TO_LISTING: Final = 885
    LISTING_TO_DEAL: Final = 886
    DEAL_TO_LISTING: Final = 887
    LISTING_TO_CALL: Final = 890
    CALL_TO_LISTING: Final = 891
    LISTING_TO_EMAIL: Final = 894
    EMAIL_TO_LISTING: Final = 895
    LISTING_TO_MEETING: Final = 896
    MEETING_TO_LISTING: Final = 897
    LISTING_TO_NOTE: Final = 898
    NOTE_TO_LISTING: Final = 899
    LISTING_TO_TASK: Final = 900
    TASK_TO_LISTING: Final = 901
    LISTING_TO_COMMUNICATION: Final = 902
    COMMUNICATION_TO_LISTING: Final = 903
    LISTING_TO_POSTAL_MAIL: Final = 904
    POSTAL_MAIL_TO_LISTING: Final = 905
    APPOINTMENT_TO_CONTACT: Final = 906
    CONTACT_TO_APPOINTMENT: Final = 907
    APPOINTMENT_TO_COMPANY: Final = 908
    COMPANY_TO_APPOINTMENT: Final = 909
    APPOINTMENT_TO_CALL: Final = 912
    CALL_TO_APPOINTMENT: Final = 913
    APPOINTMENT_TO_EMAIL: Final = 916
    EMAIL_TO_APPOINTMENT: Final = 917
    APPOINTMENT_TO_MEETING: Final = 918
    MEETING_TO_APPOINTMENT: Final = 919
    APPOINTMENT_TO_NOTE: Final = 920
    NOTE_TO_APPOINTMENT: Final = 921
    APPOINTMENT_TO_TASK: Final = 922
    TASK_TO_APPOINTMENT: Final = 923
    APPOINTMENT_TO_COMMUNICATION: Final = 924
    COMMUNICATION_TO_APPOINTMENT: Final = 925
    APPOINTMENT_TO_POSTAL_MAIL: Final = 926
    POSTAL_MAIL_TO_APPOINTMENT: Final = 927
    FEEDBACK_SUBMISSION_TO_COMPANY: Final = 928
    COMPANY_TO_FEEDBACK_SUBMISSION: Final = 929
    COURSE_TO_COMPANY: Final = 938
    COMPANY_TO_COURSE: Final = 939
    COURSE_TO_TICKET: Final = 940
    TICKET_TO_COURSE: Final = 941
    LISTING_TO_TICKET: Final = 942
    TICKET_TO_LISTING: Final = 943
    APPOINTMENT_TO_DEAL: Final = 944
    DEAL_TO_APPOINTMENT: Final = 945
    APPOINTMENT_TO_TICKET: Final = 946
    TICKET_TO_APPOINTMENT: Final = 947
    FEEDBACK_SUBMISSION_TO_DEAL: Final = 984
    DEAL_TO_FEEDBACK_SUBMISSION: Final = 985
    INVOICE_TO_TICKET: Final = 986
    SUBSCRIPTION_TO_TICKET: Final = 1121
    TICKET_TO_SUBSCRIPTION: Final = 1122


class ObjectTypeInfo(NamedTuple):
    """One standard object type: its id and the names HubSpot accepts for it."""

    id: str
    """``"0-1"``"""
    name: str
    """The plural name HubSpot's paths use: ``"contacts"``."""
    singular: str
    """``"contact"``"""


class AssociationTypeInfo(NamedTuple):
    """One HubSpot-defined association type: which pair it belongs to, and its label."""

    type_id: int
    from_object_type: str
    """The object type id the association starts from, e.g. ``"0-5"``."""
    to_object_type: str
    label: str | None
    """``"Primary"`` for a pair's primary type, else None (HubSpot's unlabeled type)."""


_O = ObjectType
_OBJECT_TYPES: Final = (
    ObjectTypeInfo(_O.APPOINTMENTS, "appointments", "appointment"),
    ObjectTypeInfo(_O.CALLS, "calls", "call"),
    ObjectTypeInfo(_O.CARTS, "carts", "cart"),
    ObjectTypeInfo(_O.COMMUNICATIONS, "communications", "communication"),
    ObjectTypeInfo(_O.COMPANIES, "companies", "company"),
    ObjectTypeInfo(_O.CONTACTS, "contacts", "contact"),
    ObjectTypeInfo(_O.COURSES, "courses", "course"),
    ObjectTypeInfo(_O.DEALS, "deals", "deal"),
    ObjectTypeInfo(_O.DISCOUNTS, "discounts", "discount"),
    ObjectTypeInfo(_O.EMAILS, "emails", "email"),
    ObjectTypeInfo(_O.FEEDBACK_SUBMISSIONS, "feedback_submissions", "feedback_submission"),
    ObjectTypeInfo(_O.FEES, "fees", "fee"),
    ObjectTypeInfo(_O.GOALS, "goals", "goal"),
    ObjectTypeInfo(_O.INVOICES, "invoices", "invoice"),
    ObjectTypeInfo(_O.LEADS, "leads", "lead"),
    ObjectTypeInfo(_O.LINE_ITEMS, "line_items", "line_item"),
    ObjectTypeInfo(_O.LISTINGS, "listings", "listing"),
    ObjectTypeInfo(_O.MARKETING_EVENTS, "marketing_events", "marketing_event"),
    ObjectTypeInfo(_O.MEETINGS, "meetings", "meeting"),
    ObjectTypeInfo(_O.NOTES, "notes", "note"),
    ObjectTypeInfo(_O.ORDERS, "orders", "order"),
    ObjectTypeInfo(_O.PAYMENTS, "payments", "payment"),
    ObjectTypeInfo(_O.POSTAL_MAIL, "postal_mail", "postal_mail"),
    ObjectTypeInfo(_O.PRODUCTS, "products", "product"),
    ObjectTypeInfo(_O.PROJECTS, "projects", "project"),
    ObjectTypeInfo(_O.QUOTES, "quotes", "quote"),
    ObjectTypeInfo(_O.SERVICES, "services", "service"),
    ObjectTypeInfo(_O.SUBSCRIPTIONS, "subscriptions", "subscription"),
    ObjectTypeInfo(_O.TASKS, "tasks", "task"),
    ObjectTypeInfo(_O.TAXES, "taxes", "tax"),
    ObjectTypeInfo(_O.TICKETS, "tickets", "ticket"),
    ObjectTypeInfo(_O.USERS, "users", "user"),
)

_A = AssociationTypeId
# type id -> (from, to, label). Keyed by the constants above, so each id is written once.
_HUBSPOT_DEFINED: Final[dict[int, tuple[str, str, str | None]]] = {
    _A.PRIMARY_CONTACT_TO_COMPANY: (_O.CONTACTS, _O.COMPANIES, "Primary"),
    _A.PRIMARY_COMPANY_TO_CONTACT: (_O.COMPANIES, _O.CONTACTS, "Primary"),
    _A.DEAL_TO_CONTACT: (_O.DEALS, _O.CONTACTS, None),
    _A.CONTACT_TO_DEAL: (_O.CONTACTS, _O.DEALS, None),
    _A.PRIMARY_DEAL_TO_COMPANY: (_O.DEALS, _O.COMPANIES, "Primary"),
    _A.PRIMARY_COMPANY_TO_DEAL: (_O.COMPANIES, _O.DEALS, "Primary"),
    _A.PARENT_TO_CHILD_COMPANY: (_O.COMPANIES, _O.COMPANIES, None),
    _A.CHILD_TO_PARENT_COMPANY: (_O.COMPANIES, _O.COMPANIES, None),
    _A.CONTACT_TO_TICKET: (_O.CONTACTS, _O.TICKETS, None),
    _A.TICKET_TO_CONTACT: (_O.TICKETS, _O.CONTACTS, None),
    _A.DEAL_TO_LINE_ITEM: (_O.DEALS, _O.LINE_ITEMS, None),
    _A.LINE_ITEM_TO_DEAL: (_O.LINE_ITEMS, _O.DEALS, None),
    _A.PRIMARY_COMPANY_TO_TICKET: (_O.COMPANIES, _O.TICKETS, "Primary"),
    _A.PRIMARY_TICKET_TO_COMPANY: (_O.TICKETS, _O.COMPANIES, "Primary"),
    _A.DEAL_TO_TICKET: (_O.DEALS, _O.TICKETS, None),
    _A.TICKET_TO_DEAL: (_O.TICKETS, _O.DEALS, None),
    _A.DEAL_TO_QUOTE: (_O.DEALS, _O.QUOTES, None),
    _A.QUOTE_TO_DEAL: (_O.QUOTES, _O.DEALS, None),
    _A.QUOTE_TO_LINE_ITEM: (_O.QUOTES, _O.LINE_ITEMS, None),
    _A.LINE_ITEM_TO_QUOTE: (_O.LINE_ITEMS, _O.QUOTES, None),
    _A.QUOTE_TO_CONTACT: (_O.QUOTES, _O.CONTACTS, None),
    _A.CONTACT_TO_QUOTE: (_O.CONTACTS, _O.QUOTES, None),
    _A.QUOTE_TO_COMPANY: (_O.QUOTES, _O.COMPANIES, None),
    _A.COMPANY_TO_QUOTE: (_O.COMPANIES, _O.QUOTES, None),
    _A.COMMUNICATION_TO_CONTACT: (_O.COMMUNICATIONS, _O.CONTACTS, None),
    _A.CONTACT_TO_COMMUNICATION: (_O.CONTACTS, _O.COMMUNICATIONS, None),
    _A.COMMUNICATION_TO_TICKET: (_O.COMMUNICATIONS, _O.TICKETS, None),
    _A.TICKET_TO_COMMUNICATION: (_O.TICKETS, _O.COMMUNICATIONS, None),
    _A.COMMUNICATION_TO_DEAL: (_O.COMMUNICATIONS, _O.DEALS, None),
    _A.DEAL_TO_COMMUNICATION: (_O.DEALS, _O.COMMUNICATIONS, None),
    _A.COMMUNICATION_TO_COMPANY: (_O.COMMUNICATIONS, _O.COMPANIES, None),
    _A.COMPANY_TO_COMMUNICATION: (_O.COMPANIES, _O.COMMUNICATIONS, None),
    _A.CONTACT_TO_FEEDBACK_SUBMISSION: (_O.CONTACTS, _O.FEEDBACK_SUBMISSIONS, None),
    _A.FEEDBACK_SUBMISSION_TO_CONTACT: (_O.FEEDBACK_SUBMISSIONS, _O.CONTACTS, None),
    _A.TICKET_TO_FEEDBACK_SUBMISSION: (_O.TICKETS, _O.FEEDBACK_SUBMISSIONS, None),
    _A.FEEDBACK_SUBMISSION_TO_TICKET: (_O.FEEDBACK_SUBMISSIONS, _O.TICKETS, None),
    _A.INVOICE_TO_DEAL: (_O.INVOICES, _O.DEALS, None),
    _A.DEAL_TO_INVOICE: (_O.DEALS, _O.INVOICES, None),
    _A.INVOICE_TO_CONTACT: (_O.INVOICES, _O.CONTACTS, None),
    _A.CONTACT_TO_INVOICE: (_O.CONTACTS, _O.INVOICES, None),
    _A.INVOICE_TO_COMPANY: (_O.INVOICES, _O.COMPANIES, None),
    _A.COMPANY_TO_INVOICE: (_O.COMPANIES, _O.INVOICES, None),
    _A.COMPANY_TO_CALL: (_O.COMPANIES, _O.CALLS, None),
    _A.CALL_TO_COMPANY: (_O.CALLS, _O.COMPANIES, None),
    _A.COMPANY_TO_EMAIL: (_O.COMPANIES, _O.EMAILS, None),
    _A.EMAIL_TO_COMPANY: (_O.EMAILS, _O.COMPANIES, None),
    _A.COMPANY_TO_MEETING: (_O.COMPANIES, _O.MEETINGS, None),
    _A.MEETING_TO_COMPANY: (_O.MEETINGS, _O.COMPANIES, None),
    _A.COMPANY_TO_NOTE: (_O.COMPANIES, _O.NOTES, None),
    _A.NOTE_TO_COMPANY: (_O.NOTES, _O.COMPANIES, None),
    _A.COMPANY_TO_TASK: (_O.COMPANIES, _O.TASKS, None),
    _A.TASK_TO_COMPANY: (_O.TASKS, _O.COMPANIES, None),
    _A.CONTACT_TO_CALL: (_O.CONTACTS, _O.CALLS, None),
    _A.CALL_TO_CONTACT: (_O.CALLS, _O.CONTACTS, None),
    _A.CONTACT_TO_EMAIL: (_O.CONTACTS, _O.EMAILS, None),
    _A.EMAIL_TO_CONTACT: (_O.EMAILS, _O.CONTACTS, None),
    _A.CONTACT_TO_MEETING: (_O.CONTACTS, _O.MEETINGS, None),
    _A.MEETING_TO_CONTACT: (_O.MEETINGS, _O.CONTACTS, None),
    _A.CONTACT_TO_NOTE: (_O.CONTACTS, _O.NOTES, None),
    _A.NOTE_TO_CONTACT: (_O.NOTES, _O.CONTACTS, None),
    _A.CONTACT_TO_TASK: (_O.CONTACTS, _O.TASKS, None),
    _A.TASK_TO_CONTACT: (_O.TASKS, _O.CONTACTS, None),
    _A.DEAL_TO_CALL: (_O.DEALS, _O.CALLS, None),
    _A.CALL_TO_DEAL: (_O.CALLS, _O.DEALS, None),
    _A.DEAL_TO_EMAIL: (_O.DEALS, _O.EMAILS, None),
    _A.EMAIL_TO_DEAL: (_O.EMAILS, _O.DEALS, None),
    _A.DEAL_TO_MEETING: (_O.DEALS, _O.MEETINGS, None),
    _A.MEETING_TO_DEAL: (_O.MEETINGS, _O.DEALS, None),
    _A.DEAL_TO_NOTE: (_O.DEALS, _O.NOTES, None),
    _A.NOTE_TO_DEAL: (_O.NOTES, _O.DEALS, None),
    _A.DEAL_TO_TASK: (_O.DEALS, _O.TASKS, None),
    _A.TASK_TO_DEAL: (_O.TASKS, _O.DEALS, None),
    _A.QUOTE_TO_TASK: (_O.QUOTES, _O.TASKS, None),
    _A.TASK_TO_QUOTE: (_O.TASKS, _O.QUOTES, None),
    _A.TICKET_TO_CALL: (_O.TICKETS, _O.CALLS, None),
    _A.CALL_TO_TICKET: (_O.CALLS, _O.TICKETS, None),
    _A.TICKET_TO_EMAIL: (_O.TICKETS, _O.EMAILS, None),
    _A.EMAIL_TO_TICKET: (_O.EMAILS, _O.TICKETS, None),
    _A.TICKET_TO_MEETING: (_O.TICKETS, _O.MEETINGS, None),
    _A.MEETING_TO_TICKET: (_O.MEETINGS, _O.TICKETS, None),
    _A.TICKET_TO_NOTE: (_O.TICKETS, _O.NOTES, None),
    _A.NOTE_TO_TICKET: (_O.NOTES, _O.TICKETS, None),
    _A.TICKET_TO_TASK: (_O.TICKETS, _O.TASKS, None),
    _A.TASK_TO_TICKET: (_O.TASKS, _O.TICKETS, None),
    _A.CONTACT_TO_COMPANY: (_O.CONTACTS, _O.COMPANIES, None),
    _A.COMPANY_TO_CONTACT: (_O.COMPANIES, _O.CONTACTS, None),
    _A.SUBSCRIPTION_TO_CONTACT: (_O.SUBSCRIPTIONS, _O.CONTACTS, None),
    _A.CONTACT_TO_SUBSCRIPTION: (_O.CONTACTS, _O.SUBSCRIPTIONS, None),
    _A.SUBSCRIPTION_TO_COMPANY: (_O.SUBSCRIPTIONS, _O.COMPANIES, None),
    _A.COMPANY_TO_SUBSCRIPTION: (_O.COMPANIES, _O.SUBSCRIPTIONS, None),
    _A.SUBSCRIPTION_TO_DEAL: (_O.SUBSCRIPTIONS, _O.DEALS, None),
    _A.DEAL_TO_SUBSCRIPTION: (_O.DEALS, _O.SUBSCRIPTIONS, None),
    _A.SUBSCRIPTION_TO_LINE_ITEM: (_O.SUBSCRIPTIONS, _O.LINE_ITEMS, None),
    _A.LINE_ITEM_TO_SUBSCRIPTION: (_O.LINE_ITEMS, _O.SUBSCRIPTIONS, None),
    _A.SUBSCRIPTION_TO_QUOTE: (_O.SUBSCRIPTIONS, _O.QUOTES, None),
    _A.QUOTE_TO_SUBSCRIPTION: (_O.QUOTES, _O.SUBSCRIPTIONS, None),
    _A.TICKET_TO_COMPANY: (_O.TICKETS, _O.COMPANIES, None),
    _A.COMPANY_TO_TICKET: (_O.COMPANIES, _O.TICKETS, None),
    _A.DEAL_TO_COMPANY: (_O.DEALS, _O.COMPANIES, None),
    _A.COMPANY_TO_DEAL: (_O.COMPANIES, _O.DEALS, None),
    _A.DISCOUNT_TO_QUOTE: (_O.DISCOUNTS, _O.QUOTES, None),
    _A.QUOTE_TO_DISCOUNT: (_O.QUOTES, _O.DISCOUNTS, None),
    _A.FEE_TO_QUOTE: (_O.FEES, _O.QUOTES, None),
    _A.QUOTE_TO_FEE: (_O.QUOTES, _O.FEES, None),
    _A.TAX_TO_QUOTE: (_O.TAXES, _O.QUOTES, None),
    _A.QUOTE_TO_TAX: (_O.QUOTES, _O.TAXES, None),
    _A.DISCOUNT_TO_LINE_ITEM: (_O.DISCOUNTS, _O.LINE_ITEMS, None),
    _A.LINE_ITEM_TO_DISCOUNT: (_O.LINE_ITEMS, _O.DISCOUNTS, None),
    _A.DISCOUNT_TO_DEAL: (_O.DISCOUNTS, _O.DEALS, None),
    _A.PAYMENT_TO_CONTACT: (_O.PAYMENTS, _O.CONTACTS, None),
    _A.CONTACT_TO_PAYMENT: (_O.CONTACTS, _O.PAYMENTS, None),
    _A.PAYMENT_TO_COMPANY: (_O.PAYMENTS, _O.COMPANIES, None),
    _A.COMPANY_TO_PAYMENT: (_O.COMPANIES, _O.PAYMENTS, None),
    _A.PAYMENT_TO_DEAL: (_O.PAYMENTS, _O.DEALS, None),
    _A.DEAL_TO_PAYMENT: (_O.DEALS, _O.PAYMENTS, None),
    _A.PAYMENT_TO_SUBSCRIPTION: (_O.PAYMENTS, _O.SUBSCRIPTIONS, None),
    _A.PAYMENT_TO_LINE_ITEM: (_O.PAYMENTS, _O.LINE_ITEMS, None),
    _A.LINE_ITEM_TO_PAYMENT: (_O.LINE_ITEMS, _O.PAYMENTS, None),
    _A.PAYMENT_TO_QUOTE: (_O.PAYMENTS, _O.QUOTES, None),
    _A.QUOTE_TO_PAYMENT: (_O.QUOTES, _O.PAYMENTS, None),
    _A.CALL_TO_MEETING: (_O.CALLS, _O.MEETINGS, None),
    _A.MEETING_TO_CALL: (_O.MEETINGS, _O.CALLS, None),
    _A.INVOICE_TO_QUOTE: (_O.INVOICES, _O.QUOTES, None),
    _A.QUOTE_TO_INVOICE: (_O.QUOTES, _O.INVOICES, None),
    _A.INVOICE_TO_LINE_ITEM: (_O.INVOICES, _O.LINE_ITEMS, None),
    _A.LINE_ITEM_TO_INVOICE: (_O.LINE_ITEMS, _O.INVOICES, None),
    _A.INVOICE_TO_DISCOUNT: (_O.INVOICES, _O.DISCOUNTS, None),
    _A.DISCOUNT_TO_INVOICE: (_O.DISCOUNTS, _O.INVOICES, None),
    _A.INVOICE_TO_FEE: (_O.INVOICES, _O.FEES, None),
    _A.FEE_TO_INVOICE: (_O.FEES, _O.INVOICES, None),
    _A.INVOICE_TO_TAX: (_O.INVOICES, _O.TAXES, None),
    _A.TAX_TO_INVOICE: (_O.TAXES, _O.INVOICES, None),
    _A.PAYMENT_TO_DISCOUNT: (_O.PAYMENTS, _O.DISCOUNTS, None),
    _A.CONTACT_TO_CONTACT: (_O.CONTACTS, _O.CONTACTS, None),
    _A.COMPANY_TO_COMPANY: (_O.COMPANIES, _O.COMPANIES, None),
    _A.DEAL_TO_DEAL: (_O.DEALS, _O.DEALS, None),
    _A.TICKET_TO_TICKET: (_O.TICKETS, _O.TICKETS, None),
    _A.POSTAL_MAIL_TO_CONTACT: (_O.POSTAL_MAIL, _O.CONTACTS, None),
    _A.CONTACT_TO_POSTAL_MAIL: (_O.CONTACTS, _O.POSTAL_MAIL, None),
    _A.POSTAL_MAIL_TO_TICKET: (_O.POSTAL_MAIL, _O.TICKETS, None),
    _A.TICKET_TO_POSTAL_MAIL: (_O.TICKETS, _O.POSTAL_MAIL, None),
    _A.POSTAL_MAIL_TO_DEAL: (_O.POSTAL_MAIL, _O.DEALS, None),
    _A.DEAL_TO_POSTAL_MAIL: (_O.DEALS, _O.POSTAL_MAIL, None),
    _A.POSTAL_MAIL_TO_COMPANY: (_O.POSTAL_MAIL, _O.COMPANIES, None),
    _A.COMPANY_TO_POSTAL_MAIL: (_O.COMPANIES, _O.POSTAL_MAIL, None),
    _A.ORDER_TO_CONTACT: (_O.ORDERS, _O.CONTACTS, None),
    _A.CONTACT_TO_ORDER: (_O.CONTACTS, _O.ORDERS, None),
    _A.ORDER_TO_COMPANY: (_O.ORDERS, _O.COMPANIES, None),
    _A.COMPANY_TO_ORDER: (_O.COMPANIES, _O.ORDERS, None),
    _A.DEAL_TO_ORDER: (_O.DEALS, _O.ORDERS, None),
    _A.ORDER_TO_DEAL: (_O.ORDERS, _O.DEALS, None),
    _A.ORDER_TO_LINE_ITEM: (_O.ORDERS, _O.LINE_ITEMS, None),
    _A.LINE_ITEM_TO_ORDER: (_O.LINE_ITEMS, _O.ORDERS, None),
    _A.SUBSCRIPTION_TO_ORDER: (_O.SUBSCRIPTIONS, _O.ORDERS, None),
    _A.ORDER_TO_SUBSCRIPTION: (_O.ORDERS, _O.SUBSCRIPTIONS, None),
    _A.INVOICE_TO_ORDER: (_O.INVOICES, _O.ORDERS, None),
    _A.ORDER_TO_INVOICE: (_O.ORDERS, _O.INVOICES, None),
    _A.ORDER_TO_DISCOUNT: (_O.ORDERS, _O.DISCOUNTS, None),
    _A.DISCOUNT_TO_ORDER: (_O.DISCOUNTS, _O.ORDERS, None),
    _A.ORDER_TO_PAYMENT: (_O.ORDERS, _O.PAYMENTS, None),
    _A.PAYMENT_TO_ORDER: (_O.PAYMENTS, _O.ORDERS, None),
    _A.ORDER_TO_TICKET: (_O.ORDERS, _O.TICKETS, None),
    _A.TICKET_TO_ORDER: (_O.TICKETS, _O.ORDERS, None),
    _A.INVOICE_TO_PAYMENT: (_O.INVOICES, _O.PAYMENTS, None),
    _A.PAYMENT_TO_INVOICE: (_O.PAYMENTS, _O.INVOICES, None),
    _A.PRIMARY_LEAD_TO_CONTACT: (_O.LEADS, _O.CONTACTS, "Primary"),
    _A.CART_TO_CONTACT: (_O.CARTS, _O.CONTACTS, None),
    _A.CONTACT_TO_CART: (_O.CONTACTS, _O.CARTS, None),
    _A.CART_TO_DISCOUNT: (_O.CARTS, _O.DISCOUNTS, None),
    _A.DISCOUNT_TO_CART: (_O.DISCOUNTS, _O.CARTS, None),
    _A.CART_TO_LINE_ITEM: (_O.CARTS, _O.LINE_ITEMS, None),
    _A.LINE_ITEM_TO_CART: (_O.LINE_ITEMS, _O.CARTS, None),
    _A.CART_TO_ORDER: (_O.CARTS, _O.ORDERS, None),
    _A.ORDER_TO_CART: (_O.ORDERS, _O.CARTS, None),
    _A.CART_TO_TICKET: (_O.CARTS, _O.TICKETS, None),
    _A.LEAD_TO_CALL: (_O.LEADS, _O.CALLS, None),
    _A.LEAD_TO_EMAIL: (_O.LEADS, _O.EMAILS, None),
    _A.LEAD_TO_MEETING: (_O.LEADS, _O.MEETINGS, None),
    _A.LEAD_TO_COMMUNICATION: (_O.LEADS, _O.COMMUNICATIONS, None),
    _A.LEAD_TO_CONTACT: (_O.LEADS, _O.CONTACTS, None),
    _A.LEAD_TO_COMPANY: (_O.LEADS, _O.COMPANIES, None),
    _A.INVOICE_TO_SUBSCRIPTION: (_O.INVOICES, _O.SUBSCRIPTIONS, None),
    _A.SUBSCRIPTION_TO_INVOICE: (_O.SUBSCRIPTIONS, _O.INVOICES, None),
    _A.LEAD_TO_TASK: (_O.LEADS, _O.TASKS, None),
    _A.ORDER_TO_TASK: (_O.ORDERS, _O.TASKS, None),
    _A.CART_TO_TASK: (_O.CARTS, _O.TASKS, None),
    _A.ORDER_TO_QUOTE: (_O.ORDERS, _O.QUOTES, None),
    _A.QUOTE_TO_ORDER: (_O.QUOTES, _O.ORDERS, None),
    _A.CART_TO_QUOTE: (_O.CARTS, _O.QUOTES, None),
    _A.QUOTE_TO_CART: (_O.QUOTES, _O.CARTS, None),
    _A.SERVICE_TO_COMPANY: (_O.SERVICES, _O.COMPANIES, None),
    _A.COMPANY_TO_SERVICE: (_O.COMPANIES, _O.SERVICES, None),
    _A.SERVICE_TO_DEAL: (_O.SERVICES, _O.DEALS, None),
    _A.DEAL_TO_SERVICE: (_O.DEALS, _O.SERVICES, None),
    _A.SERVICE_TO_TICKET: (_O.SERVICES, _O.TICKETS, None),
    _A.TICKET_TO_SERVICE: (_O.TICKETS, _O.SERVICES, None),
    _A.SERVICE_TO_CONTACT: (_O.SERVICES, _O.CONTACTS, None),
    _A.CONTACT_TO_SERVICE: (_O.CONTACTS, _O.SERVICES, None),
    _A.SERVICE_TO_NOTE: (_O.SERVICES, _O.NOTES, None),
    _A.NOTE_TO_SERVICE: (_O.NOTES, _O.SERVICES, None),
    _A.SERVICE_TO_MEETING: (_O.SERVICES, _O.MEETINGS, None),
    _A.MEETING_TO_SERVICE: (_O.MEETINGS, _O.SERVICES, None),
    _A.SERVICE_TO_CALL: (_O.SERVICES, _O.CALLS, None),
    _A.CALL_TO_SERVICE: (_O.CALLS, _O.SERVICES, None),
    _A.SERVICE_TO_EMAIL: (_O.SERVICES, _O.EMAILS, None),
    _A.EMAIL_TO_SERVICE: (_O.EMAILS, _O.SERVICES, None),
    _A.SERVICE_TO_COMMUNICATION: (_O.SERVICES, _O.COMMUNICATIONS, None),
    _A.COMMUNICATION_TO_SERVICE: (_O.COMMUNICATIONS, _O.SERVICES, None),
    _A.SERVICE_TO_POSTAL_MAIL: (_O.SERVICES, _O.POSTAL_MAIL, None),
    _A.POSTAL_MAIL_TO_SERVICE: (_O.POSTAL_MAIL, _O.SERVICES, None),
    _A.SERVICE_TO_TASK: (_O.SERVICES, _O.TASKS, None),
    _A.TASK_TO_SERVICE: (_O.TASKS, _O.SERVICES, None),
    _A.LEAD_TO_NOTE: (_O.LEADS, _O.NOTES, None),
    _A.COURSE_TO_CONTACT: (_O.COURSES, _O.CONTACTS, None),
    _A.CONTACT_TO_COURSE: (_O.CONTACTS, _O.COURSES, None),
    _A.COURSE_TO_DEAL: (_O.COURSES, _O.DEALS, None),
    _A.DEAL_TO_COURSE: (_O.DEALS, _O.COURSES, None),
    _A.COURSE_TO_CALL: (_O.COURSES, _O.CALLS, None),
    _A.CALL_TO_COURSE: (_O.CALLS, _O.COURSES, None),
    _A.COURSE_TO_EMAIL: (_O.COURSES, _O.EMAILS, None),
    _A.EMAIL_TO_COURSE: (_O.EMAILS, _O.COURSES, None),
    _A.COURSE_TO_MEETING: (_O.COURSES, _O.MEETINGS, None),
    _A.MEETING_TO_COURSE: (_O.MEETINGS, _O.COURSES, None),
    _A.COURSE_TO_NOTE: (_O.COURSES, _O.NOTES, None),
    _A.NOTE_TO_COURSE: (_O.NOTES, _O.COURSES, None),
    _A.COURSE_TO_TASK: (_O.COURSES, _O.TASKS, None),
    _A.TASK_TO_COURSE: (_O.TASKS, _O.COURSES, None),
    _A.COURSE_TO_COMMUNICATION: (_O.COURSES, _O.COMMUNICATIONS, None),
    _A.COMMUNICATION_TO_COURSE: (_O.COMMUNICATIONS, _O.COURSES, None),
    _A.COURSE_TO_POSTAL_MAIL: (_O.COURSES, _O.POSTAL_MAIL, None),
    _A.POSTAL_MAIL_TO_COURSE: (_O.POSTAL_MAIL, _O.COURSES, None),
    _A.LISTING_TO_CONTACT: (_O.LISTINGS, _O.CONTACTS, None),
    _A.CONTACT_TO_LISTING: (_O.CONTACTS, _O.LISTINGS, None),
    _A.LISTING_TO_COMPANY: (_O.LISTINGS, _O.COMPANIES, None),
    _A.COMPANY_TO_LISTING: (_O.COMPANIES, _O.LISTINGS, None),
    _A.LISTING_TO_DEAL: (_O.LISTINGS, _O.DEALS, None),
    _A.DEAL_TO_LISTING: (_O.DEALS, _O.LISTINGS, None),
    _A.LISTING_TO_CALL: (_O.LISTINGS, _O.CALLS, None),
    _A.CALL_TO_LISTING: (_O.CALLS, _O.LISTINGS, None),
    _A.LISTING_TO_EMAIL: (_O.LISTINGS, _O.EMAILS, None),
    _A.EMAIL_TO_LISTING: (_O.EMAILS, _O.LISTINGS, None),
    _A.LISTING_TO_MEETING: (_O.LISTINGS, _O.MEETINGS, None),
    _A.MEETING_TO_LISTING: (_O.MEETINGS, _O.LISTINGS, None),
    _A.LISTING_TO_NOTE: (_O.LISTINGS, _O.NOTES, None),
    _A.NOTE_TO_LISTING: (_O.NOTES, _O.LISTINGS, None),
    _A.LISTING_TO_TASK: (_O.LISTINGS, _O.TASKS, None),
    _A.TASK_TO_LISTING: (_O.TASKS, _O.LISTINGS, None),
    _A.LISTING_TO_COMMUNICATION: (_O.LISTINGS, _O.COMMUNICATIONS, None),
    _A.COMMUNICATION_TO_LISTING: (_O.COMMUNICATIONS, _O.LISTINGS, None),
    _A.LISTING_TO_POSTAL_MAIL: (_O.LISTINGS, _O.POSTAL_MAIL, None),
    _A.POSTAL_MAIL_TO_LISTING: (_O.POSTAL_MAIL, _O.LISTINGS, None),
    _A.APPOINTMENT_TO_CONTACT: (_O.APPOINTMENTS, _O.CONTACTS, None),
    _A.CONTACT_TO_APPOINTMENT: (_O.CONTACTS, _O.APPOINTMENTS, None),
    _A.APPOINTMENT_TO_COMPANY: (_O.APPOINTMENTS, _O.COMPANIES, None),
    _A.COMPANY_TO_APPOINTMENT: (_O.COMPANIES, _O.APPOINTMENTS, None),
    _A.APPOINTMENT_TO_CALL: (_O.APPOINTMENTS, _O.CALLS, None),
    _A.CALL_TO_APPOINTMENT: (_O.CALLS, _O.APPOINTMENTS, None),
    _A.APPOINTMENT_TO_EMAIL: (_O.APPOINTMENTS, _O.EMAILS, None),
    _A.EMAIL_TO_APPOINTMENT: (_O.EMAILS, _O.APPOINTMENTS, None),
    _A.APPOINTMENT_TO_MEETING: (_O.APPOINTMENTS, _O.MEETINGS, None),
    _A.MEETING_TO_APPOINTMENT: (_O.MEETINGS, _O.APPOINTMENTS, None),
    _A.APPOINTMENT_TO_NOTE: (_O.APPOINTMENTS, _O.NOTES, None),
    _A.NOTE_TO_APPOINTMENT: (_O.NOTES, _O.APPOINTMENTS, None),
    _A.APPOINTMENT_TO_TASK: (_O.APPOINTMENTS, _O.TASKS, None),
    _A.TASK_TO_APPOINTMENT: (_O.TASKS, _O.APPOINTMENTS, None),
    _A.APPOINTMENT_TO_COMMUNICATION: (_O.APPOINTMENTS, _O.COMMUNICATIONS, None),
    _A.COMMUNICATION_TO_APPOINTMENT: (_O.COMMUNICATIONS, _O.APPOINTMENTS, None),
    _A.APPOINTMENT_TO_POSTAL_MAIL: (_O.APPOINTMENTS, _O.POSTAL_MAIL, None),
    _A.POSTAL_MAIL_TO_APPOINTMENT: (_O.POSTAL_MAIL, _O.APPOINTMENTS, None),
    _A.FEEDBACK_SUBMISSION_TO_COMPANY: (_O.FEEDBACK_SUBMISSIONS, _O.COMPANIES, None),
    _A.COMPANY_TO_FEEDBACK_SUBMISSION: (_O.COMPANIES, _O.FEEDBACK_SUBMISSIONS, None),
    _A.COURSE_TO_COMPANY: (_O.COURSES, _O.COMPANIES, None),
    _A.COMPANY_TO_COURSE: (_O.COMPANIES, _O.COURSES, None),
    _A.COURSE_TO_TICKET: (_O.COURSES, _O.TICKETS, None),
    _A.TICKET_TO_COURSE: (_O.TICKETS, _O.COURSES, None),
    _A.LISTING_TO_TICKET: (_O.LISTINGS, _O.TICKETS, None),
    _A.TICKET_TO_LISTING: (_O.TICKETS, _O.LISTINGS, None),
    _A.APPOINTMENT_TO_DEAL: (_O.APPOINTMENTS, _O.DEALS, None),
    _A.DEAL_TO_APPOINTMENT: (_O.DEALS, _O.APPOINTMENTS, None),
    _A.APPOINTMENT_TO_TICKET: (_O.APPOINTMENTS, _O.TICKETS, None),
    _A.TICKET_TO_APPOINTMENT: (_O.TICKETS, _O.APPOINTMENTS, None),
    _A.FEEDBACK_SUBMISSION_TO_DEAL: (_O.FEEDBACK_SUBMISSIONS, _O.DEALS, None),
    _A.DEAL_TO_FEEDBACK_SUBMISSION: (_O.DEALS, _O.FEEDBACK_SUBMISSIONS, None),
    _A.INVOICE_TO_TICKET: (_O.INVOICES, _O.TICKETS, None),
    _A.SUBSCRIPTION_TO_TICKET: (_O.SUBSCRIPTIONS, _O.TICKETS, None),
    _A.TICKET_TO_SUBSCRIPTION: (_O.TICKETS, _O.SUBSCRIPTIONS, None),
}

_BY_ID: Final = {info.id: info for info in _OBJECT_TYPES}
_BY_NAME: Final = {
    **{info.name: info for info in _OBJECT_TYPES},
    **{info.singular: info for info in _OBJECT_TYPES},
}
_BY_PAIR: Final[dict[tuple[str, str], tuple[AssociationTypeInfo, ...]]] = {}
for _type_id, (_from, _to, _label) in _HUBSPOT_DEFINED.items():
    _BY_PAIR[_from, _to] = (
        *_BY_PAIR.get((_from, _to), ()),
        AssociationTypeInfo(_type_id, _from, _to, _label),
    )
_OBJECT_ID: Final = re.compile(r"[02]-[1-9][0-9]*")


def object_types() -> tuple[ObjectTypeInfo, ...]:
    """HubSpot's standard object types, by plural name."""
    return _OBJECT_TYPES


def object_type_info(value: str) -> ObjectTypeInfo | None:
    """The standard object type a name or id denotes, or None.

    Names are case-insensitive, singular or plural, and ``line-items`` equals ``line_items``.
    """
    if _OBJECT_ID.fullmatch(value):
        return _BY_ID.get(value)
    return _BY_NAME.get(value.strip().lower().replace("-", "_"))


def normalise_object_type(value: str) -> str | None:
    """The id (``"0-1"``) of a standard object type's name or id, or of a custom ``2-<n>``; else None."""
    if _OBJECT_ID.fullmatch(value) and value.startswith("2-"):
        return value
    info = object_type_info(value)
    return info.id if info else None


def closest_object_type_name(value: str) -> str | None:
    """The (plural) name of the standard object type most like a misspelt name, singular or plural
    (``"contactz"`` -> ``"contacts"``), or None when none is close."""
    import difflib  # here: only a misspelt name pays for it

    key = value.strip().lower().replace("-", "_")
    matches = difflib.get_close_matches(key, _BY_NAME, n=1, cutoff=0.75)
    return _BY_NAME[matches[0]].name if matches else None


def object_type_name(object_id: str) -> str:
    """The plural name of a standard object id (``"0-3"`` -> ``"deals"``); any other value unchanged."""
    info = _BY_ID.get(object_id)
    return info.name if info else object_id


def hubspot_defined_type(type_id: int) -> AssociationTypeInfo | None:
    """The pair and label of a HubSpot-defined association type id, or None if HubSpot defines no such id."""
    row = _HUBSPOT_DEFINED.get(type_id)
    return AssociationTypeInfo(type_id, *row) if row else None


def hubspot_defined_types(from_object_type: str, to_object_type: str) -> tuple[AssociationTypeInfo, ...]:
    """The HubSpot-defined association types between two object type ids, in the catalogue's order."""
    return _BY_PAIR.get((from_object_type, to_object_type), ())
