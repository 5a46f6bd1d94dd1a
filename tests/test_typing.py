"""The shared vocabulary of options (burden/typing.py) and the check that enforces it."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args

import numpy as np
import pytest

import burden as bd
from burden import typing as bt
from burden._core.checks import one_of

PACKAGE = Path(bd.__file__).parent


def test_every_option_literal_lives_in_typing() -> None:
    # issue 14 item 2: one home for option names. A Literal alias defined anywhere
    # else in the package is a second vocabulary.
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "typing.py" and path.parent == PACKAGE:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.AnnAssign | ast.Assign):
                text = ast.unparse(node.value) if node.value is not None else ""
                if text.startswith("Literal["):
                    offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
            annotation = getattr(node, "annotation", None)
            if annotation is not None and ast.unparse(annotation).startswith("Literal["):
                offenders.append(f"{path.relative_to(PACKAGE)}:{getattr(node, 'lineno', 0)}")
    assert offenders == []


@pytest.mark.parametrize(
    ("alias", "where"),
    [
        (bt.ClaimsRule, bd.claims.ClaimsRule),
        (bt.SplitRule, bd.costs.SplitRule),
        (bt.RatioDefinition, bd.costs.RatioDefinition),
        (bt.GameKind, bd.games.GameKind),
        (bt.NucleolusDomain, bd.games.Domain),
        (bt.SamplingMethod, bd.sensitivity.SamplingMethod),
        (bt.CorrelationMethod, bd.sensitivity.CorrelationMethod),
        (bt.ComparisonMeasure, bd.models.Measure),
        (bt.SplitOutput, bd.models.SplitOutput),
    ],
)
def test_old_names_are_the_shared_vocabulary(alias: object, where: object) -> None:
    assert get_args(where) == get_args(alias)


def test_claims_rules_have_one_set_of_names() -> None:
    # The full names of bd.claims work in split_costs; the short ones in both.
    assert set(get_args(bt.SplitRule)) == {*get_args(bt.ClaimsRule), *bt.CLAIMS_RULE_ALIASES}
    d = np.array([100.0, 200.0, 300.0])
    for short, full in bt.CLAIMS_RULE_ALIASES.items():
        assert np.array_equal(
            bd.claims.allocate(200.0, d, rule=short),  # type: ignore[arg-type]
            bd.claims.allocate(200.0, d, rule=full),
        )
        assert getattr(bd.claims, short) is getattr(bd.claims, full)


@pytest.mark.parametrize("rule", [*get_args(bt.ClaimsRule), "cea", "cel", "apro"])
def test_split_costs_applies_the_claims_rule_of_that_name(rule: str) -> None:
    # Envelope 300 over costs (100, 200, 300) with no floors: the host's payment per
    # category is the claims rule applied to estate 300 and claims = the costs.
    pool = bd.CostPool(
        {"labor": [100.0], "construction": [200.0], "logistics": [300.0]},
        currency="KRW",
        years=[2021],
    )
    split = bd.split_costs(pool, envelope=[300.0], rule=rule)  # type: ignore[arg-type]
    full = bt.CLAIMS_RULE_ALIASES.get(rule, rule)
    expected = bd.claims.allocate(300.0, [100.0, 200.0, 300.0], rule=full)  # type: ignore[arg-type]
    np.testing.assert_allclose(split.host[0], expected, rtol=1e-12)
    assert split.rule == full


def test_one_of_returns_the_choice_or_raises_with_a_hint() -> None:
    assert one_of("lhs", "method", bt.SamplingMethod) == "lhs"
    assert one_of(2, "first", bt.Proposer) == 2
    assert one_of("cel", "rule", bt.ClaimsRule, aliases=bt.CLAIMS_RULE_ALIASES) == (
        "constrained_equal_losses"
    )
    with pytest.raises(bd.InvalidInputError, match=r"did you mean 'sobol'\?"):
        one_of("sobl", "method", bt.SamplingMethod)
    with pytest.raises(
        bd.InvalidInputError, match=r"^method: expected one of random, lhs, sobol, got 'quasi'$"
    ):
        one_of("quasi", "method", bt.SamplingMethod)
    for bad in (["lhs"], np.array(["lhs"]), None, True, 1.0):
        with pytest.raises(bd.InvalidInputError, match="method"):
            one_of(bad, "method", bt.SamplingMethod)
    with pytest.raises(bd.InvalidInputError, match="first"):
        one_of(True, "first", bt.Proposer)  # a bool is not the player 1


def test_vocabulary_checks_name_the_field() -> None:
    bad: Any = "wrong"  # each call gets a word outside its vocabulary
    game = bd.games.TUGame([0.0, 1.0])
    cases: list[tuple[Callable[[], object], str]] = [
        (lambda: bd.games.TUGame([0.0, 1.0], kind=bad), "TUGame.kind"),
        (lambda: bd.games.kohlberg_check(game, [1.0], domain=bad), "domain"),
        (lambda: bd.cost_sharing_ratio(1.0, 1.0, definition=bad), "definition"),
        (lambda: bd.bargain.rubinstein(0.9, first=bad), "first"),
        (lambda: bd.sensitivity.sample_unit(4, 2, method=bad), "method"),
    ]
    for call, field in cases:
        with pytest.raises(bd.InvalidInputError, match=f"^{field}: expected one of"):
            call()
    typo: Any = "costs"
    with pytest.raises(bd.InvalidInputError, match="did you mean 'cost'"):
        bd.games.TUGame([0.0, 1.0], kind=typo)
