"""Checklist answers: the question names what the answer's number counts ("Câu 5. …? Trả lời: 25 máy")."""

from __future__ import annotations

from tests.test_document_reading import _read, _values


def test_a_question_asking_one_thing_labels_its_answer(tmp_path):
    draft, candidates = _read(tmp_path, "Câu 14. Tổng số máy quét tài liệu của UBND xã?\nTrả lời: 04 máy.\n")
    assert [m["value"] for m in _values(draft, "infra.scanners")] == [4]
    assert not any(c.value == 14 for c in candidates)  # the question's number is no value


def test_the_parts_a_question_lists_in_brackets_do_not_label_the_whole(tmp_path):
    draft, _ = _read(tmp_path, "Câu 3. Số TTHC cung cấp dịch vụ công trực tuyến (toàn trình, một phần)?\n"
                               "Trả lời: 121 TTHC.\n")
    assert [m["value"] for m in _values(draft, "dvc.procedures")] == [121]
    assert not _values(draft, "dvc.partial_online")


def test_a_question_asking_several_things_labels_nothing_when_the_answer_is_one_figure(tmp_path):
    # (as many clauses as questions are read clause by clause: tests/test_reading_prose.py)
    draft, _ = _read(tmp_path, "Câu 9. Số máy quét tài liệu? Số camera?\nTrả lời: 04.\n")
    assert not _values(draft, "infra.scanners")
    assert not _values(draft, "infra.cameras")


def test_a_bare_answer_is_read_with_its_question_before_its_own_later_words(tmp_path):
    # the answer's own words ("sử dụng phần mềm …") would read the share as something else
    draft, _ = _read(tmp_path, "Câu 8. Số máy tính được cài phần mềm phòng, chống mã độc?\n"
                               "Trả lời: 18/18 máy (100%), sử dụng phần mềm do tỉnh cấp bản quyền.\n")
    (share,) = _values(draft, "security.antimalware_share")
    assert (share["numerator"], share["denominator"]) == (18, 18)
