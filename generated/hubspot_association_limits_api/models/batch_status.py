from enum import StrEnum


class BatchStatus(StrEnum):
    CANCELED = "CANCELED"
    COMPLETE = "COMPLETE"
    PENDING = "PENDING"
    PROCESSING = "PROCESSING"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "BatchStatus | None":
        # HubSpot extends this set without notice: keep an unknown value as an unnamed member
        # instead of failing the whole response.
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
