"""The Excel fill-in form: one sheet a commune fills in, read back into a :class:`Report`.

``checker template --format xlsx`` writes the form (blank, or filled from a report with
``--from``); ``check report.xlsx`` reads a filled form with :func:`load_xlsx`.  A round trip
JSON → xlsx → JSON is lossless.

Layout (one sheet, ``Báo cáo``).  Column A is the *key column* the reader relies on, so it
never depends on the Vietnamese labels or on row numbers:

* ``A1`` holds :data:`FORM_MARKER`; rows whose key starts with ``@`` are descriptive (title,
  instructions, column headings, family headings) except ``@cols``, a hidden row that names the
  column keys (``value``, ``numerator`` …) of the section below it;
* ``#info``, ``#indicators``, ``#goals``, ``#documents``, ``#period_mentions``, ``#annex`` start
  the sections;
* in ``#info`` each row's key is a field (``identity.commune``, ``period.year`` …); ``#goals``
  and ``#annex`` also hold the field rows ``goals.year``, ``annex.form``, ``annex.title``;
* in ``#indicators`` and ``#goals`` the key is the indicator code; rows with the same code are
  several statements of that indicator, in row order;
* in ``#documents``, ``#period_mentions`` and the items of ``#annex`` the key cell is empty and
  each non-blank row is one entry.

A row the commune inserts is read by the section it sits in; a blank indicator row means "not
reported" (absent), never 0.  This module holds the layout shared by the writer
(:mod:`checker.read.xlsx.writer`) and the reader (:mod:`checker.read.xlsx.reader`); openpyxl is only
imported inside those modules' functions.
"""

from __future__ import annotations

from dataclasses import dataclass

FORM_MARKER = "checker-form:1"
SHEET_TITLE = "Báo cáo"
FROZEN_AT = "C4"
"""Rows 1–3 (title, instructions, column headings) and columns A–B (code, label) stay visible."""

EMPTY_TEXT = '""'
"""What an empty string (as opposed to nothing) is written as, so that it survives the trip."""


@dataclass(frozen=True)
class Column:
    """One column of a table section: its key, Vietnamese heading, letter and value kind."""

    key: str
    heading: str
    letter: str
    kind: str
    """``code``, ``text``, ``number``, ``int``, ``date``, ``flag``, ``qualifier``, ``json``, ``any``,
    an enum name of :data:`ENUMS`, or ``label`` for a descriptive column the reader ignores."""


MEASURE_FIELDS = ("value", "numerator", "denominator", "percent")

INDICATOR_COLUMNS: tuple[Column, ...] = (
    Column("code", "Mã chỉ tiêu (không sửa)", "A", "code"),
    Column("label", "Chỉ tiêu", "B", "label"),
    Column("unit", "Đơn vị", "C", "label"),
    Column("index", "Lần nêu", "D", "index"),
    Column("value", "Giá trị", "E", "number"),
    Column("numerator", "Tử số", "F", "number"),
    Column("denominator", "Mẫu số", "G", "number"),
    Column("percent", "Tỷ lệ (%)", "H", "number"),
    Column("flag", "Có/Không", "I", "flag"),
    Column("level", "Mức (0–2)", "J", "int"),
    Column("qualifier", "Cách nêu", "K", "qualifier"),
    Column("period_start", "Từ ngày", "L", "date"),
    Column("as_of", "Tính đến ngày", "M", "date"),
    Column("line", "Dòng trong văn bản", "N", "int"),
    Column("quote", "Trích dẫn", "O", "text"),
    Column("note", "Ghi chú", "P", "text"),
    Column("parts", "Chi tiết (JSON)", "Q", "json"),
    Column("parsed_from", "Chuỗi gốc (JSON)", "R", "json"),
)
INFO_COLUMNS: tuple[Column, ...] = (
    Column("label", "Mục", "B", "label"),
    Column("hint", "Gợi ý", "C", "label"),
    Column("value", "Giá trị", "E", "field"),
)
DOCUMENT_COLUMNS: tuple[Column, ...] = (
    Column("title", "Trích yếu", "B", "text"),
    Column("kind", "Loại (KH, QĐ…)", "C", "doc_kind"),
    Column("number", "Số, ký hiệu", "E", "text"),
    Column("for_year", "Cho năm", "F", "int"),
    Column("period_from", "Giai đoạn từ năm", "G", "int"),
    Column("period_to", "Đến năm", "H", "int"),
    Column("status", "Tình trạng", "K", "doc_status"),
    Column("date", "Ngày ban hành", "L", "date"),
    Column("line", "Dòng", "N", "int"),
    Column("quote", "Trích dẫn", "O", "text"),
    Column("issuer", "Cơ quan ban hành", "P", "text"),
)
MENTION_COLUMNS: tuple[Column, ...] = (
    Column("label", "Kỳ được nêu (nguyên văn)", "B", "text"),
    Column("months", "Số tháng", "F", "int"),
    Column("year", "Năm", "G", "int"),
    Column("line", "Dòng", "N", "int"),
    Column("quote", "Trích dẫn", "O", "text"),
)
ANNEX_COLUMNS: tuple[Column, ...] = (
    Column("label", "Nội dung", "B", "text"),
    Column("unit", "Đơn vị tính", "C", "text"),
    Column("code", "Mã, STT", "D", "text"),
    Column("value", "Giá trị", "E", "any"),
)


@dataclass(frozen=True)
class Field:
    """One field row (``identity.commune`` …): its model path, label, hint and value kind."""

    key: str
    label: str
    hint: str
    kind: str

    @property
    def path(self) -> tuple[str, ...]:
        """Where the value sits in the report dict."""
        return tuple(self.key.split("."))


INFO_GROUPS: tuple[tuple[str, tuple[Field, ...]], ...] = (
    ("Đơn vị báo cáo", (
        Field("identity.commune", "Tên xã, phường, thị trấn", "bắt buộc", "text"),
        Field("identity.unit_type", "Loại đơn vị", "xã / phường / thị trấn", "unit_type"),
        Field("identity.district", "Huyện, thị xã, thành phố", "", "text"),
        Field("identity.province", "Tỉnh, thành phố", "bắt buộc", "text"),
        Field("identity.unit_code", "Mã đơn vị", "vd hai-duong/tu-ky/minh-duc", "text"),
    )),
    ("Kỳ báo cáo", (
        Field("period.year", "Năm báo cáo", "bắt buộc", "int"),
        Field("period.kind", "Loại kỳ", "năm / 6 tháng / 9 tháng / quý", "period_kind"),
        Field("period.quarter", "Quý (khi báo cáo quý)", "1–4", "int"),
        Field("period.label", "Tên kỳ như văn bản ghi", "vd 6 tháng đầu năm 2023", "text"),
        Field("period.start", "Từ ngày", "trống = tự tính", "date"),
        Field("period.end", "Đến ngày", "trống = tự tính", "date"),
    )),
    ("Văn bản báo cáo", (
        Field("meta.title", "Tiêu đề, trích yếu", "", "text"),
        Field("meta.number", "Số, ký hiệu", "vd 45/BC-UBND", "text"),
        Field("meta.date", "Ngày ký", "dd/mm/yyyy", "date"),
        Field("meta.signer.name", "Người ký", "", "text"),
        Field("meta.signer.title", "Chức vụ người ký", "", "text"),
        Field("meta.recipients", "Nơi nhận", "ngăn cách bằng ;", "list"),
        Field("meta.source_file", "Tệp văn bản gốc", "", "text"),
    )),
)
GOALS_YEAR = Field("goals.year", "Năm của mục tiêu", "vd 2024", "int")
ANNEX_FIELDS = (
    Field("annex.form", "Tên biểu mẫu", "vd Biểu mẫu 7", "text"),
    Field("annex.title", "Tiêu đề biểu mẫu", "", "text"),
)
FIELDS: dict[str, Field] = {
    field.key: field for _, group in INFO_GROUPS for field in group
} | {GOALS_YEAR.key: GOALS_YEAR} | {field.key: field for field in ANNEX_FIELDS}

SECTIONS: dict[str, tuple[str, tuple[Column, ...]]] = {
    "#info": ("I. THÔNG TIN CHUNG", INFO_COLUMNS),
    "#indicators": ("II. CHỈ TIÊU", INDICATOR_COLUMNS),
    "#goals": ("III. MỤC TIÊU NĂM SAU", INDICATOR_COLUMNS),
    "#documents": ("IV. VĂN BẢN ĐƯỢC DẪN", DOCUMENT_COLUMNS),
    "#period_mentions": ("V. KỲ ĐƯỢC NÊU TRONG VĂN BẢN", MENTION_COLUMNS),
    "#annex": ("VI. BIỂU MẪU KÈM THEO", ANNEX_COLUMNS),
}
SECTION_FIELDS: dict[str, tuple[str, ...]] = {
    "#info": tuple(field.key for _, group in INFO_GROUPS for field in group),
    "#goals": (GOALS_YEAR.key,),
    "#annex": tuple(field.key for field in ANNEX_FIELDS),
}
DESCRIPTIVE_ROWS = ("@title", "@note", "@head", "@group")
COLUMNS_ROW = "@cols"

ENUMS: dict[str, dict[str, str]] = {
    "period_kind": {"year": "năm", "half": "6 tháng", "nine_months": "9 tháng", "quarter": "quý"},
    "unit_type": {"xa": "xã", "phuong": "phường", "thi_tran": "thị trấn", "dac_khu": "đặc khu"},
    "qualifier": {"exact": "đúng", "more_than": "hơn", "at_least": "ít nhất", "less_than": "dưới",
                  "at_most": "nhiều nhất", "about": "khoảng", "nearly": "gần"},
    "doc_kind": {"KH": "KH", "QĐ": "QĐ", "QC": "QC", "NQ": "NQ", "CV": "CV", "TB": "TB", "other": "khác"},
    "doc_status": {"issued": "đã ban hành", "missing": "chưa ban hành", "unknown": "không rõ"},
}
FLAG_YES, FLAG_NO = "Có", "Không"

UNIT_VI = {"count": "số lượng", "percent": "%", "money": "triệu đồng", "flag": "Có/Không",
           "level": "mức 0–2", "number": "số"}
FAMILY_VI = {
    "directives": "Chỉ đạo, tổ chức", "staff": "Cán bộ, công chức", "infra": "Hạ tầng kỹ thuật",
    "hr": "Nhân lực CNTT, tập huấn", "docs": "Văn bản điện tử", "workfiles": "Hồ sơ công việc",
    "email": "Thư điện tử công vụ", "signatures": "Chữ ký số", "dvc": "Dịch vụ công trực tuyến",
    "dossiers": "Hồ sơ thủ tục hành chính", "payment": "Thanh toán trực tuyến",
    "satisfaction": "Mức độ hài lòng", "web": "Trang thông tin điện tử, truyền thông",
    "reporting": "Báo cáo định kỳ", "society": "Xã hội số", "security": "An toàn thông tin",
    "budget": "Kinh phí",
}

TITLE = "BIỂU MẪU BÁO CÁO ỨNG DỤNG CNTT, CHUYỂN ĐỔI SỐ CẤP XÃ"
INSTRUCTIONS = (
    "Hướng dẫn: điền vào các ô trắng. Chỉ tiêu báo cáo không nêu thì để trống cả dòng (để trống "
    "khác với ghi 0). Tỷ lệ ghi số từ 0 đến 100 (vd 98,34). Có/Không, cách nêu, loại kỳ: chọn trong "
    "danh sách. Ngày ghi dd/mm/yyyy. Một chỉ tiêu nêu nhiều lần: chèn dòng ngay dưới, chép mã vào "
    "cột A, ghi lần nêu 2, 3… Không sửa cột mã (A, nền xám) và các dòng ẩn. Cột Chi tiết ghi JSON, "
    'vd {"Tư pháp": 12, "Đất đai": 3}. Kiểm tra tệp: check ten-tep.xlsx'
)


def catalogue_by_family() -> list[tuple[str, list[str]]]:
    """Indicator codes grouped by family; families in order of first appearance, codes in catalogue order."""
    from checker.catalogue.store import indicators as indicator_catalogue

    groups: dict[str, list[str]] = {}
    for code, entry in indicator_catalogue().items():
        groups.setdefault(entry.family, []).append(code)
    return list(groups.items())
