"""Participants' own phones: a small web app (Starlette, Jinja2 with autoescape) over the same
SQLite file, through the same Store.

It offers a participant only what is theirs: joining with the workshop's code, saying who they
are, sending ideas, their own secret dots and their check-out, and following the facilitator's
stage. Nothing of the facilitator's (stage moves, reveal, roster, minutes, other workshops) is
reachable from here. ``facilitator serve ID`` runs it (``server.py``); ``app.py`` builds it.
Never imports textual; nothing outside this package imports starlette or uvicorn.
"""
