"""``Catalogue.labels`` is built once per catalogue, code and prefix: the same two parameters as before, shared."""

from __future__ import annotations

from checker.catalogue.store import current, labels


def test_labels_are_the_two_label_parameters_and_shared() -> None:
    catalogue = current()
    codes = [*sorted(catalogue.indicators)[:20], "not.a.code"]
    for code in codes:
        for prefix in ("", "whole_", "numerator_"):
            made = catalogue.labels(code, prefix)
            assert dict(made) == {f"{prefix}label": catalogue.label(code),
                                  f"{prefix}label_en": catalogue.label(code, "en")}
            assert list(made) == [f"{prefix}label", f"{prefix}label_en"]  # unpacked in this order
            assert catalogue.labels(code, prefix) is made  # built once
            assert labels(code, prefix) is made  # the module's function reads the same catalogue


def test_a_derived_catalogue_keeps_its_own_labels() -> None:
    catalogue = current()
    code = sorted(catalogue.indicators)[0]
    derived = catalogue.with_sourced_targets(())
    assert derived is not catalogue
    assert derived.labels(code) == catalogue.labels(code)
    assert derived.labels(code) is not catalogue.labels(code)
