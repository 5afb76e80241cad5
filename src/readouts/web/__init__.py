"""Web: `readouts serve`, a local read-only browser over a readouts database.

Owns: the Starlette application (app.py), the parsing of URL filters (query.py), the
highlighting of evidence in article text (highlight.py), and the Jinja2 templates and
static assets shipped in this package (no CDN: the pages request nothing from any
other host). All SQL lives in store.py.
"""
