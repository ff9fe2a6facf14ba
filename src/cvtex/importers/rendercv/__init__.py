"""RenderCV YAML → cvtex YAML: every printed word kept, every setting noted.

RenderCV (https://github.com/rendercv/rendercv) writes a résumé as ``cv`` (a header
and ``sections``, each a title and a list of entries of one of nine types, told apart
by their keys), ``design`` (a theme and its layout), ``locale`` and ``settings``.
The mapping, documented in the README ("Coming from RenderCV"):

* ``cv.name/headline/location/email/phone/website/photo`` → ``basics``; a second
  email, phone or website, ``social_networks`` (with the URL RenderCV links to) and
  ``custom_connections`` → ``basics.profiles``;
* a section whose entries fit a JSON Resume section goes there (experience → work,
  education → education, publications → publications, one-line entries of a
  section titled like "Skills" → skills), with its title in
  ``design.section_titles``; any other section becomes a custom section
  (``sections.<id>``) with the same title: normal entries → ``entries``, one-line
  entries → ``rows``, bullet and (reversed-)numbered entries → ``items``, text
  entries → ``rows`` with a value only, which print as paragraphs;
* the sections' order → ``design.section_order``; ``design.theme`` → the nearest
  built-in template, named in a comment and in the command to build with;
* a highlight's `` - `` parts → nested bullets, as RenderCV prints them;
* ``date`` (free text) → ``date``; ``start_date``/``end_date`` → ``startDate``/``endDate``
  (``present`` kept); RenderCV's own rules apply first (a ``date`` wins over a period,
  an end date alone is a date);
* Markdown inline (``**bold**``, ``*italic*``, ``[text](url)``) is cvtex's own markup,
  kept as written.

What does not print (design, locale settings cvtex has no key for, ``settings``) and
keys RenderCV itself would not print are kept as comments with a note. A value of the
wrong kind (a list where RenderCV wants text) is a located error, as in any résumé.
"""

from __future__ import annotations

from typing import Any

from cvtex.errors import InputError
from cvtex.importers import RENDERCV, Imported
from cvtex.importers.rendercv.header import basics
from cvtex.importers.rendercv.reader import Reader, shown
from cvtex.importers.rendercv.sections import sections
from cvtex.importers.rendercv.settings import design, locale, settings
from cvtex.source.loader import Document
from cvtex.yaml_writer import Remark


def convert(document: Document) -> Imported:
    reader = Reader(document)
    data = document.data
    tree: dict[Any, Any] = {}
    cv = reader.mapping(data.get("cv"), ("cv",))
    tree["basics"] = basics(reader, cv)
    locale_tree = locale(reader, reader.mapping(data.get("locale"), ("locale",)))
    found = sections(reader, cv, locale_tree.get("locale", "en"))
    tree.update(found.standard)
    if found.custom:
        tree["sections"] = found.custom
    tree["design"] = design(reader, data, found.order, found.titles)
    tree.update(locale_tree)
    for key, value in data.items():
        if key not in ("cv", "design", "locale", "settings"):
            tree[Remark((f"{key}: {shown(value)} (not a RenderCV key; not printed)",))] = None
    for note, leaves in settings(data.get("settings")).items():
        tree[Remark((note, *(f"  {leaf}" for leaf in leaves)))] = None
    if reader.errors:
        raise InputError(reader.errors, document.text)
    header = ("RenderCV's settings that do not print are kept as comments, each with a note.",)
    return Imported(RENDERCV, tree, header, reader.template)
