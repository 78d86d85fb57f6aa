"""Attach "which figure is probably wrong" to the findings of failed relations.

The probes of sum, breakdown, part-within-whole, equality and ratio rules carry a relation;
those that fired are the failed relations, the others hold.  :func:`checker.decide.locate.locate`
finds the smallest sets of figures whose change restores every relation; here each failed
relation's finding gets them as ``evidence.suspects`` and a sentence after its message
("Có thể sai: 31 (…) hoặc 4 (…)").  Nothing in the report is changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import compress
from operator import attrgetter

from checker.decide.checks.base import Probe
from checker.decide.findings import Evidence, Finding, Message, SlipView, SuspectFigure, Suspects
from checker.decide.locate import MAX_SET, MAX_SETS_SHOWN, SLIP_KINDS, Location, located
from checker.decide.messages import suspect_text
from checker.decide.relations import Figure


def locations(probes: Sequence[Probe], fired: set[int]) -> dict[int, Location]:
    """Probe index -> location, for every fired probe that checks a relation.

    Relations are grouped by the pointers their probes read; only those of groups holding a failed
    relation are built (:func:`checker.decide.locate.located`).
    """
    if not any(probes[index].relate is not None for index in fired):
        return {}
    relates = list(map(_RELATE, probes))
    indexes = list(compress(range(len(relates)), relates))  # the probes with a relation (a Relate is true)
    failed = {position for position, index in enumerate(indexes) if index in fired}
    found = located([relates[index].pointers for index in indexes],
                    lambda position: relates[indexes[position]](), failed)
    return {indexes[position]: location for position, location in found.items()}


_RELATE = attrgetter("relate")


def _name(figure: Figure, english: bool) -> str:
    where = (f", line {figure.line}" if english else f", dòng {figure.line}") if figure.line else ""
    return f"{figure.written} ({figure.label_en if english else figure.label}{where})"


_OR = (suspect_text("or", False), suspect_text("or", True))
_AND = (suspect_text("and", False), suspect_text("and", True))
"""The joining words of figures (Vietnamese, English): filled once, they have no parameters."""


def explain(location: Location, english: bool) -> str:
    """The sentences saying which figures are probably wrong, why, and any typing slip."""
    joiner_or = _OR[english]
    if location.size is None:
        sentences = [suspect_text("none", english, max=MAX_SET)]
    elif location.size == 1:
        figures = joiner_or.join(_name(s[0], english) for s in location.sets[:MAX_SETS_SHOWN])
        sentences = [suspect_text("one", english, figures=figures)]
    else:
        joiner_and = _AND[english]
        sets = joiner_or.join("{" + joiner_and.join(_name(f, english) for f in s) + "}"
                              for s in location.sets[:MAX_SETS_SHOWN])
        if len(location.sets) > MAX_SETS_SHOWN:
            sets += " …"
        sentences = [suspect_text("several", english, size=location.size, sets=sets)]
    for figure, relation in location.cleared:
        sentences.append(suspect_text("cleared", english, figure=_name(figure, english),
                                      relation=relation.title, relation_en=relation.title_en))
    slips = []
    for slip in location.slips[:MAX_SETS_SHOWN]:
        vi, en = SLIP_KINDS[slip.kind]
        slips.append(suspect_text("slip", english, written=_name(slip.figure, english), meant=slip.meant_written,
                                  kind=vi, kind_en=en))
    if slips:
        sentences.append(suspect_text("slips", english, slips="; ".join(slips)))
    return " ".join(sentences)


def suspects_of(location: Location) -> Suspects:
    """The structured view of a location, for the finding's evidence."""
    return Suspects(
        sets=[[SuspectFigure(pointer=f.pointer, written=f.written, label=f.label, line=f.line) for f in s]
              for s in location.sets],
        size=location.size,
        reasoning=Message(vi=explain(location, False), en=explain(location, True)),
        slips=[SlipView(pointer=s.figure.pointer, written=s.figure.written, meant=s.meant_written, kind=s.kind)
               for s in location.slips],
    )


def suspected(evidence: Evidence, message: Message, suspects: Suspects) -> tuple[Evidence, Message]:
    """A finding's evidence with ``suspects`` in it, and its message with their explanation after it."""
    reasoning = suspects.reasoning
    return (Evidence(evidence.items, evidence.computation, evidence.interval, suspects),
            Message(f"{message.vi} {reasoning.vi}", f"{message.en} {reasoning.en}"))


def with_suspects(finding: Finding, location: Location) -> Finding:
    """The finding with its suspects in the evidence and the explanation after its message."""
    evidence, message = suspected(finding.evidence, finding.message, suspects_of(location))
    return replace(finding, evidence=evidence, message=message)
