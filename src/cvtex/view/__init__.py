"""The format-neutral view of a résumé: what prints, decided once for every output."""

from cvtex.view.nodes import (
    Author,
    Bullet,
    Entry,
    Heading,
    LinkLine,
    ResumeView,
    Row,
    Section,
)

__all__ = ["Author", "Bullet", "Entry", "Heading", "LinkLine", "ResumeView", "Row", "Section"]
