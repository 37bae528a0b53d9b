"""Errors a person can act on.

Every error shown to a user is one plain sentence that says what is wrong and where.
The CLI prints ``str(error)`` and exits 1; the UI shows it in a notification.
"""


class FacilitatorError(Exception):
    """Base class: the message is a complete sentence, fit to show a person."""


class InvalidText(FacilitatorError):
    """Text a person typed was empty, too long or otherwise unusable."""


class RuleBroken(FacilitatorError):
    """A workshop rule was broken: a dot budget, the per-candidate cap, a missing reason."""


class NotFound(FacilitatorError):
    """A workshop, person, idea or other record does not exist."""


class AgendaError(FacilitatorError):
    """An agenda file is missing, unreadable or invalid."""


class ImportFileError(FacilitatorError):
    """An export file cannot be imported."""


class StorageError(FacilitatorError):
    """The database file cannot be opened, read or written."""


class ReadOnlyDatabase(StorageError):
    """The database can be read but not written."""


class WrongJoinCode(RuleBroken):
    """A phone typed a join code that is not the workshop's (counted, to slow down guessing)."""


class WorkshopFull(RuleBroken):
    """As many phones have joined as the workshop takes."""
