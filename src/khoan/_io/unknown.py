"""Members a lenient reading keeps, to write them back unchanged (issue 11, item 7)."""

from __future__ import annotations

from typing import Any

import attrs

from khoan.exceptions import InvalidValue

__all__ = ["Unknown", "pointer_of"]


def pointer_of(tokens: tuple[str, ...]) -> str:
    """The JSON Pointer (RFC 6901) of a sequence of reference tokens.

    >>> pointer_of(("assignment", "items", "0", "a/b~c"))
    '/assignment/items/0/a~1b~0c'
    """
    return "".join("/" + t.replace("~", "~0").replace("/", "~1") for t in tokens)


@attrs.define(eq=False)
class Unknown:
    """The members of a document that this khoan does not know, kept to be written back.

    Reading is strict by default: a member the format does not have is
    refused, because a lenient reader would drop what the writer meant. A
    document written by a later khoan, or by an application that adds its own
    members, can still be read and written back whole: pass an ``Unknown`` to
    the reader (``io.loads(text, unknown=kept)``) and the same one to the
    writer (``io.dumps(document, unknown=kept)``). The members are kept by
    where they were (their JSON Pointer) and with their values as read (text
    in Unicode NFC, as all text khoan reads).

    >>> from khoan import io
    >>> text = io.dumps(io.load_example("nguyet-duc-2022"))
    >>> later = text.replace('"title": ', '"app:note": "giữ nguyên", "title": ', 1)
    >>> kept = Unknown()
    >>> document = io.loads(later, unknown=kept)
    >>> kept.pointers()
    ('/assignment/items/0/app:note',)
    >>> io.dump(document, unknown=kept)["assignment"]["items"][0]["app:note"]
    'giữ nguyên'
    >>> io.loads(later)  # strict without it
    Traceback (most recent call last):
    khoan.exceptions.InvalidValue: assignment.items[0]["app:note"]: expected one of the fields ...

    Written back, each member goes into the object it came from (at the end
    of it, since the order of a JSON object's members carries no meaning). If
    the document was changed so that the object is gone (an item removed),
    writing refuses rather than drop the member.
    """

    _members: dict[tuple[tuple[str, ...], str], Any] = attrs.field(factory=dict, init=False)

    def keep(self, parent: tuple[str, ...], key: str, value: Any) -> None:
        """Keep ``value``, the member ``key`` of the object at ``parent`` (reference tokens)."""
        self._members[(parent, key)] = value

    def pointers(self) -> tuple[str, ...]:
        """The JSON Pointer of every member kept, in reading order."""
        return tuple(pointer_of((*parent, key)) for parent, key in self._members)

    def __len__(self) -> int:
        """How many members are kept."""
        return len(self._members)

    def restore(self, document: dict[str, Any]) -> None:
        """Put every kept member back into ``document`` (the JSON form), in place.

        Raises:
            InvalidValue: A member's object is no longer in the document, or
                already has a member of that name.

        """
        for (parent, key), value in self._members.items():
            target: Any = document
            for token in parent:
                if isinstance(target, dict) and token in target:
                    target = target[token]
                elif isinstance(target, list) and token.isdigit() and int(token) < len(target):
                    target = target[int(token)]
                else:
                    target = None
                    break
            where = pointer_of((*parent, key))
            if not isinstance(target, dict):
                raise InvalidValue(
                    where, value, "the object this unknown member came from (it is gone)"
                )
            if key in target:
                raise InvalidValue(where, value, "a member name the document does not use")
            target[key] = value
