"""The registry of check kinds that rule files name in ``kind:``."""

from __future__ import annotations

from checker.decide.checks.arithmetic import (
    BasisDenominatorKind,
    BreakdownSumKind,
    EqualKind,
    PartWithinWholeKind,
    SumKind,
)
from checker.decide.checks.base import CheckKind, Context, Probe
from checker.decide.checks.completeness import AnnexBlankKind, MetaPresentKind, RequiredIndicatorsKind
from checker.decide.checks.dates import CutOffKind, DocumentAfterReportKind, PeriodMentionKind, PlanDatedEarlyKind
from checker.decide.checks.goals import GoalBelowResultKind, GoalBelowTargetKind
from checker.decide.checks.history import (
    CopiedFiguresKind,
    GoalFollowUpKind,
    HalvesSumKind,
    JumpKind,
    StockNotFallingKind,
)
from checker.decide.checks.ratios import OwnRatioKind, StatedRatioKind
from checker.decide.checks.statements import FlagVersusCountKind, RestatedKind, ValueRangeKind, WholeNumberKind
from checker.decide.checks.target import TargetKind
from checker.decide.checks.waivers import WaiverExpiredKind, WaiverUnusedKind

KINDS: dict[str, CheckKind] = {
    kind.name: kind
    for kind in (
        SumKind(), PartWithinWholeKind(), EqualKind(), StatedRatioKind(), OwnRatioKind(),
        TargetKind(), RestatedKind(), FlagVersusCountKind(), ValueRangeKind(), WholeNumberKind(),
        DocumentAfterReportKind(), PlanDatedEarlyKind(), PeriodMentionKind(), CutOffKind(),
        MetaPresentKind(), RequiredIndicatorsKind(), AnnexBlankKind(),
        GoalBelowResultKind(), GoalBelowTargetKind(), BreakdownSumKind(), BasisDenominatorKind(),
        WaiverExpiredKind(), WaiverUnusedKind(),
        HalvesSumKind(), StockNotFallingKind(), GoalFollowUpKind(), CopiedFiguresKind(), JumpKind(),
    )
}

__all__ = ["KINDS", "CheckKind", "Context", "Probe"]
