"""facilitator: run co-production workshops from the terminal.

Importing the package must stay cheap: it must not import textual.
"""

__version__ = "0.1.0"
