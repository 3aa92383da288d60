"""The lookup on real pasted errors (tests/pasted_errors/corpus.toml, checked by
tests/test_pasted_errors_data.py): the right code first for at least 95% of them, and nothing at
all for a text whose numbers are only log noise. The score is printed at the end of the run
(`pasted errors: N/M first-result right (P%)`, see pytest_terminal_summary in conftest.py)."""
from __future__ import annotations

import pytest

import lookup_cases
from conftest import SUMMARY
from lookup_cases import run_matcher

MIN_RIGHT = 0.95


@pytest.fixture(scope="module")
def answered() -> list[tuple[dict, list[str]]]:
    """Each case with the anchors the lookup lists for it, best first."""
    rules = {**lookup_cases.rules_data(), "constants": lookup_cases.constants_data()}
    corpus = lookup_cases.pasted_cases()
    answers = run_matcher(rules, [case["text"] for case in corpus])
    return [(case, [result["anchor"] for result in answer["results"]]) for case, answer in zip(corpus, answers)]


def is_right(case: dict, anchors: list[str]) -> bool:
    return anchors == [] if case.get("none") else anchors[:1] == [case["first"]]


def describe(case: dict, anchors: list[str]) -> str:
    expected = "nothing" if case.get("none") else case["first"]
    return f"{case['library']}: {' '.join(case['text'].split())[:90]!r} -> {anchors[:3]}, expected {expected} ({case['source']})"


def test_the_right_code_comes_first_for_95_percent_of_real_pastes(answered, record_property):
    right = sum(is_right(case, anchors) for case, anchors in answered)
    share = right / len(answered)
    record_property(SUMMARY, f"pasted errors: {right}/{len(answered)} first-result right ({share:.1%})")
    wrong = [describe(case, anchors) for case, anchors in answered if not is_right(case, anchors)]
    assert share >= MIN_RIGHT, "\n".join(wrong)


def test_a_paste_with_only_log_noise_gets_no_answer(answered):
    noise_only = [(case, anchors) for case, anchors in answered if case.get("none")]
    assert noise_only, "the corpus has no case marked none = true"
    assert [describe(case, anchors) for case, anchors in noise_only if anchors] == []
