"""Contains some shared types for properties"""

from collections.abc import Callable, Mapping, MutableMapping
from http import HTTPStatus
from typing import IO, BinaryIO, Generic, Literal, TypeVar

from attrs import define, field


class Unset:
    def __bool__(self) -> Literal[False]:
        return False


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint; ``parsed`` is the body's model, parsed on first access"""

    status_code: HTTPStatus | int
    content: bytes
    headers: MutableMapping[str, str]
    parse: Callable[[], T | None] = field(repr=False)
    _parsed: T | None | Unset = field(init=False, default=UNSET, repr=False)

    @property
    def parsed(self) -> T | None:
        if isinstance(self._parsed, Unset):
            self._parsed = self.parse()
        return self._parsed


# A lookup, not HTTPStatus(code): an enum call on every response costs more than the dict.
_STATUSES: dict[int, HTTPStatus] = {status.value: status for status in HTTPStatus}


def status_code_of(code: int) -> HTTPStatus | int:
    """The HTTPStatus for code, or the plain int for statuses the stdlib does not know (HubSpot's 477, 521-526)"""
    return _STATUSES.get(code, code)


__all__ = ["UNSET", "File", "FileTypes", "RequestFiles", "Response", "Unset", "status_code_of"]
